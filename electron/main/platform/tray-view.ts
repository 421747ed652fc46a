/** Builds everything the tray renders from engine state (pure; `tray.ts` applies it). */
import { isOpen, isSnoozed, needsAttention } from '../../../shared/chat'
import type { TrayView } from './tray'
import { type TrayInputs, trayCounts, trayState, trayTitle, trayTooltip } from './tray-state'

/** Order of the states that need attention in the tray menu, most urgent first. */
const MENU_ORDER = ['callback', 'missed', 'waiting'] as const

/** The tray view for `inputs`; menu labels name the customer only (no message text). `demo` marks simulated data. */
export function buildTrayView(inputs: TrayInputs, pinned: boolean, demo = false): TrayView {
  const state = trayState(inputs)
  const counts = trayCounts(inputs)
  // Each status carries its source's label: the tray needs no per-source code to name one.
  const labels = new Map(inputs.sources.map((s) => [s.source, s.label]))
  const waiting = inputs.chats
    .filter((c) => isOpen(c) && !isSnoozed(c, inputs.now) && needsAttention(c))
    .sort(
      (a, b) =>
        MENU_ORDER.indexOf(a.state as (typeof MENU_ORDER)[number]) -
          MENU_ORDER.indexOf(b.state as (typeof MENU_ORDER)[number]) ||
        (a.createdAt ?? a.updatedAt) - (b.createdAt ?? b.updatedAt),
    )
    .map((c) => ({
      key: c.key,
      label: `${c.customer.name ?? c.title} · ${labels.get(c.source) ?? c.source} · ${c.state}`,
    }))
  return {
    state,
    tooltip: `${demo ? 'Demo data — ' : ''}${trayTooltip(state, counts, inputs.sources)}`,
    title: trayTitle(counts),
    menu: {
      waiting,
      dndActive: state === 'dnd' || (inputs.dndUntil ?? 0) > inputs.now,
      pinned,
      demo,
      nothingConnected: !demo && inputs.sources.length > 0 && inputs.sources.every((s) => s.state === 'disabled'),
    },
  }
}

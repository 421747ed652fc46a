/**
 * The chat panel body: chats grouped Waiting / Missed & callbacks / Active / Snoozed after the filters,
 * under sticky, foldable group headers; an empty state that tells the truth; Undo and keyboard help.
 * (New waiting chats are announced by the app, whichever view is open.)
 */
import { useMemo } from 'react'
import type { Chat } from '../../../shared/chat'
import { countOpen, type Filters, GROUPS, type GroupId, groupChats } from '../lib/grouping'
import { meLookup, mesOf } from '../lib/source-info'
import { usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { useClock, useUi } from '../stores/ui-store'
import { ClearFilters, EmptyState } from './EmptyState'
import { GroupRows } from './GroupRows'
import { GroupSection } from './GroupSection'
import { KeyboardHelp } from './KeyboardHelp'
import { SummaryBar } from './SummaryBar'
import { UndoBar } from './UndoBar'

const NO_SHIFTS: never[] = []

/** Keys of the visible chats in display order (for j/k navigation); folded groups are skipped. */
export function useVisibleKeys(): string[] {
  return useKeysOf(useGroups())
}

function useKeysOf(groups: Record<GroupId, Chat[]>): string[] {
  const collapsed = useUi((s) => s.collapsed)
  return useMemo(
    () => GROUPS.flatMap((g) => (collapsed[g.id] ? [] : groups[g.id].map((c) => c.key))),
    [groups, collapsed],
  )
}

/** The last grouping: the app (for j/k) and the list ask for the same one in the same render. */
let lastGroups: { inputs: unknown[]; groups: Record<GroupId, Chat[]> } | null = null

function sharedGroups(chats: Record<string, Chat>, filters: Filters, mes: string, minute: number, privacy: boolean) {
  const inputs = [chats, filters, mes, minute, privacy]
  if (lastGroups?.inputs.every((v, i) => v === inputs[i])) return lastGroups.groups
  // "Me" at each chat's own source, as its status says (HelpCrunch: the agent id; DeskDirector: the tech).
  const meOf = meLookup(mes)
  const groups = groupChats(Object.values(chats), filters, null, Math.max(Date.now(), minute * 60_000), {
    privacy,
    meOf,
  })
  // A group none of whose chats changed keeps its array, so its rows are not even compared again.
  const before = lastGroups?.groups
  if (before) for (const { id } of GROUPS) if (sameChats(before[id], groups[id])) groups[id] = before[id]
  lastGroups = { inputs, groups }
  return groups
}

function sameChats(a: readonly Chat[], b: readonly Chat[]): boolean {
  return a.length === b.length && a.every((chat, i) => chat === b[i])
}

/** Grouped, filtered chats; regrouped when chats, filters or the minute change (snoozes end). */
export function useGroups() {
  const chats = usePanelStore((s) => s.chats)
  const mes = usePanelStore((s) => mesOf(s.sources))
  const privacy = usePanelStore((s) => s.settings?.alerts.privacy ?? false)
  const filters = useUi((s) => s.filters)
  const minute = useClock((s) => Math.floor(s.now / 60_000))
  return useMemo(() => sharedGroups(chats, filters, mes, minute, privacy), [chats, filters, mes, minute, privacy])
}

/** The grouped list. */
export function ChatList() {
  const groups = useGroups()
  const visible = useKeysOf(groups)
  const loaded = usePanelStore((s) => s.loaded)
  const loadError = usePanelStore((s) => s.loadError)
  const settings = usePanelStore((s) => s.settings)
  const open = usePanelStore((s) => countOpen(Object.values(s.chats)))
  const selectedKey = useUi((s) => s.selectedKey)
  const helpOpen = useUi((s) => s.helpOpen)
  // One subscription for every row's action state and popups (each row gets its part as props).
  const actions = useRowActions((s) => s.rows)
  const snoozeFor = useUi((s) => s.snoozeMenuFor)
  const menuFor = useUi((s) => s.rowMenuFor)
  const takeoverFor = useUi((s) => s.takeoverFor)
  // "Me" at each source, as its status says; a stable lookup, so memoised rows stay as they are.
  const mes = usePanelStore((s) => mesOf(s.sources))
  const me = useMemo(() => meLookup(mes), [mes])
  if (loadError) return <p className="empty error-text">Could not load chats: {loadError}</p>
  if (!loaded)
    return (
      <p className="empty" role="status">
        Loading chats…
      </p>
    )
  const shown = GROUPS.reduce((n, g) => n + groups[g.id].length, 0)
  const hidden = open - shown
  const privacy = settings?.alerts.privacy ?? false
  const stillWaitingMs = (settings?.alerts.stillWaitingAfterSeconds ?? 120) * 1000
  const shifts = settings?.alerts.shifts ?? NO_SHIFTS
  // Roving tabindex: the selected row, or the first one, is the list's single tab stop.
  const tabStop = selectedKey && visible.includes(selectedKey) ? selectedKey : (visible[0] ?? null)
  const shared = { selectedKey, tabStop, privacy, me, stillWaitingMs, shifts, actions, snoozeFor, menuFor, takeoverFor }
  return (
    <div className="chat-groups">
      {helpOpen ? <KeyboardHelp /> : null}
      {shown === 0 ? (
        <EmptyState hidden={hidden} />
      ) : (
        <>
          <SummaryBar groups={groups} />
          {GROUPS.map((group) =>
            groups[group.id].length === 0 ? null : (
              <GroupSection key={group.id} id={group.id} label={group.label} chats={groups[group.id]} shifts={shifts}>
                <GroupRows chats={groups[group.id]} snoozed={group.id === 'snoozed'} {...shared} />
              </GroupSection>
            ),
          )}
          {hidden > 0 ? (
            <p className="hidden-by-filters">
              Filters hide {hidden} more {hidden === 1 ? 'chat' : 'chats'}. <ClearFilters hidden={0} />
            </p>
          ) : null}
        </>
      )}
      <UndoBar />
    </div>
  )
}

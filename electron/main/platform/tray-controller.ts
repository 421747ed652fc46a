/**
 * The tray's behaviour: what its menu items do and when it redraws. It reads state only through commands
 * (`snapshot.get`, `alerts.list`), never a runtime's store, so it follows a swap to the demo runtime.
 */
import { needsAttention } from '../../../shared/chat'
import type { DesktopStatus, TrayPresence } from '../../../shared/protocol'
import type { TypedDispatch } from '../../core/engine/dispatcher'
import type { Logger } from '../../core/engine/log'
import { updateMenuItem } from '../updates/menu-item'
import type { PanelHandle } from './panel-window'
import { createTray, type TrayHandle } from './tray'
import { dndUntil, type TrayMenuActions } from './tray-menu'
import { buildTrayView } from './tray-view'
import { createWindowTray } from './window-tray'

/** What the tray needs from the desktop shell. */
export interface TrayControllerOptions {
  iconDir: string
  dispatch: TypedDispatch
  panel: PanelHandle
  openChat(key: string): void
  /** True while the live runtime shows demo data. */
  demo(): boolean
  toggleDemo(): void
  openLogFolder(): void
  quit(): void
  now(): number
  log: Logger
  /** The desktop's own state: its update item goes on top of the menu, hidden toasts into the tooltip. */
  desktop?(): DesktopStatus
  /** The update item was clicked. */
  updateAction?(): void
}

/** The live tray: redraw on demand (coalesced), forget per-runtime state on a swap. */
export interface TrayController {
  tray: TrayHandle
  /** Schedules a redraw; bursts of calls (a poll applying 50 chats) make one. */
  schedule(): void
  /** A runtime (re)started: its do-not-disturb and feed replace the previous one's. */
  reset(): void
  /** Hosts without an alert feed still clear the tray's unread state when the panel's feed is seen. */
  noteAlert(): void
  noteSeen(): void
  /** Where the tray's content goes: the tray icon, or the panel window (a desktop without a tray). */
  setPresence(mode: TrayPresence['mode']): void
  presence(): TrayPresence['mode']
}

/** Creates the tray and its controller. */
export function createTrayController(options: TrayControllerOptions): TrayController {
  const { dispatch, panel, log } = options
  let localDnd: number | null = null
  let unseen = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  const refresh = async () => {
    const snapshot = await dispatch('snapshot.get', {})
    const alerts = await dispatch('alerts.list', {})
    if (!snapshot.ok) return
    const snap = snapshot.result
    const unseenAlerts = alerts.ok ? alerts.result.unseen : unseen
    const inputs = { ...snap, dndUntil: snap.dndUntil ?? localDnd, unseenAlerts, now: options.now() }
    const view = buildTrayView(inputs, panel.isPinned(), options.demo())
    const desktop = options.desktop?.()
    if (desktop) {
      view.menu.update = updateMenuItem(desktop.update)
      // The OS hides toasts: say so where the agent looks instead (the tray and its tooltip carry the alert).
      if (desktop.toasts.hidden) view.tooltip += `\nToasts are hidden: ${desktop.toasts.reason ?? 'by the system'}`
    }
    tray.update(view)
  }
  const schedule = () => {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      refresh().catch((error: unknown) => log.warn('tray refresh failed', { error: String(error) }))
    }, 200)
  }
  const snoozeAll = async () => {
    const snapshot = await dispatch('snapshot.get', {})
    if (!snapshot.ok) return
    const now = options.now()
    for (const chat of snapshot.result.chats)
      if (needsAttention(chat) && !(chat.snoozedUntil && chat.snoozedUntil > now))
        void dispatch('chat.snooze', { key: chat.key, preset: '15m' })
  }

  const actions: TrayMenuActions = {
    openChat: options.openChat,
    snoozeAll: () => void snoozeAll(),
    setDnd: (choice) => {
      localDnd = dndUntil(choice, options.now())
      void dispatch('dnd.set', { until: localDnd }).then(schedule)
    },
    openPanel: () => panel.showNear(tray.bounds()),
    openSettings: () => panel.showView(tray.bounds(), 'settings'),
    togglePinned: () => {
      panel.setPinned(!panel.isPinned())
      schedule()
    },
    toggleDemo: options.toggleDemo,
    openLogFolder: options.openLogFolder,
    quit: options.quit,
    updateAction: () => options.updateAction?.(),
  }
  const inTray = () => createTray(options.iconDir, actions, () => panel.toggle(tray.bounds()))
  let handle: TrayHandle = inTray()
  let presence: TrayPresence['mode'] = 'tray'
  // A stable face over the current handle: the tray icon, or the panel window where the desktop has no tray.
  const tray: TrayHandle = {
    update: (view) => handle.update(view),
    bounds: () => handle.bounds(),
    destroy: () => handle.destroy(),
  }
  return {
    tray,
    presence: () => presence,
    setPresence(next) {
      if (next === presence) return
      presence = next
      handle.destroy()
      handle = next === 'tray' ? inTray() : createWindowTray(panel, actions)
      schedule()
    },
    schedule,
    reset() {
      localDnd = null
      unseen = 0
    },
    noteAlert: () => {
      unseen++
    },
    noteSeen: () => {
      unseen = 0
    },
  }
}

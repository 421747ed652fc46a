/**
 * The tray's context menu as a template (required on Linux, where a tray click may never arrive).
 * Only Electron *types* are used, so the template and its click wiring are tested without mocks.
 */
import type { MenuItemConstructorOptions } from 'electron'

/** Do-not-disturb choices offered in the menu. */
export type DndChoice = '30m' | '1h' | 'tomorrow' | 'off'

/** What the menu shows. */
export interface TrayMenuView {
  /** Waiting chats, most urgent first; labels carry no message text (privacy). */
  waiting: { key: string; label: string }[]
  dndActive: boolean
  pinned: boolean
  /** True while the panel shows simulated demo data instead of the real help desks. */
  demo: boolean
  /** No help desk is set up: no chat can arrive, so "No one is waiting" would be untrue. */
  nothingConnected?: boolean
  /** The update item on top ("Restart to update to 0.2.0"), or null when there is nothing to say. */
  update?: { label: string; enabled: boolean } | null
}

/** What the menu items do. */
export interface TrayMenuActions {
  openChat(key: string): void
  snoozeAll(): void
  setDnd(choice: DndChoice): void
  openPanel(): void
  openSettings(): void
  togglePinned(): void
  toggleDemo(): void
  openLogFolder(): void
  quit(): void
  /** The update item: restart, download, or check again (updates/menu-item.ts). */
  updateAction?(): void
}

/** Most waiting chats listed in the menu; the panel has the rest. */
export const MENU_CHAT_LIMIT = 8

/** The hour "until tomorrow" ends (local time). */
const TOMORROW_HOUR = 8

/** When a do-not-disturb choice ends, or null for "off". */
export function dndUntil(choice: DndChoice, now: number): number | null {
  if (choice === 'off') return null
  if (choice === '30m') return now + 30 * 60_000
  if (choice === '1h') return now + 60 * 60_000
  const next = new Date(now)
  next.setDate(next.getDate() + 1)
  next.setHours(TOMORROW_HOUR, 0, 0, 0)
  return next.getTime()
}

/** Builds the menu template. */
export function trayMenuTemplate(view: TrayMenuView, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  const demoNote: MenuItemConstructorOptions[] = view.demo
    ? [{ label: 'Demo data — simulated chats', enabled: false }, { type: 'separator' }]
    : []
  const chats: MenuItemConstructorOptions[] =
    view.waiting.length === 0
      ? view.nothingConnected
        ? [{ label: 'Nothing is connected — set up a help desk…', click: () => actions.openSettings() }]
        : [{ label: 'No one is waiting', enabled: false }]
      : view.waiting
          .slice(0, MENU_CHAT_LIMIT)
          .map((chat) => ({ label: chat.label, click: () => actions.openChat(chat.key) }))
  const update: MenuItemConstructorOptions[] = view.update
    ? [
        { label: view.update.label, enabled: view.update.enabled, click: () => actions.updateAction?.() },
        { type: 'separator' },
      ]
    : []
  return [
    ...update,
    ...demoNote,
    ...chats,
    { type: 'separator' },
    { label: 'Snooze all waiting (15 min)', enabled: view.waiting.length > 0, click: () => actions.snoozeAll() },
    {
      label: view.dndActive ? 'Do not disturb (on)' : 'Do not disturb',
      submenu: [
        { label: 'For 30 minutes', click: () => actions.setDnd('30m') },
        { label: 'For 1 hour', click: () => actions.setDnd('1h') },
        { label: 'Until tomorrow', click: () => actions.setDnd('tomorrow') },
        { label: 'Off', enabled: view.dndActive, click: () => actions.setDnd('off') },
      ],
    },
    { type: 'separator' },
    { label: 'Open panel', click: () => actions.openPanel() },
    { label: 'Keep panel open', type: 'checkbox', checked: view.pinned, click: () => actions.togglePinned() },
    { label: 'Show demo data', type: 'checkbox', checked: view.demo, click: () => actions.toggleDemo() },
    { label: 'Settings…', click: () => actions.openSettings() },
    { label: 'Open log folder', click: () => actions.openLogFolder() },
    { type: 'separator' },
    { label: 'Quit Chat Tray', click: () => actions.quit() },
  ]
}

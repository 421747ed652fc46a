/**
 * The desktop app's own state (updates, tray or window, toast visibility: shared/protocol/desktop.ts) in one place:
 * each part is set by its owner, and every change goes to the panel as one `desktop.status` event and redraws the tray.
 */
import type { DesktopStatus, ToastVisibility, TrayPresence, UpdateStatus } from '../../../shared/protocol'

/** The holder. */
export interface DesktopStatusHolder {
  get(): DesktopStatus
  setUpdate(update: UpdateStatus): void
  setTray(tray: TrayPresence): void
  setToasts(toasts: ToastVisibility): void
}

/** Toast visibility before anything is known: nothing hidden, and nothing detectable yet. */
export const UNKNOWN_TOASTS: ToastVisibility = { hidden: false, reason: null, detectable: false, guidance: [] }

/** Creates the holder; `changed` gets every new status (send it to the panel, redraw the tray). */
export function createDesktopStatus(
  initial: DesktopStatus,
  changed: (status: DesktopStatus) => void,
): DesktopStatusHolder {
  let status = initial
  const set = (next: Partial<DesktopStatus>) => {
    status = { ...status, ...next }
    changed(status)
  }
  return {
    get: () => status,
    setUpdate: (update) => set({ update }),
    setTray: (tray) => set({ tray }),
    setToasts: (toasts) => set({ toasts }),
  }
}

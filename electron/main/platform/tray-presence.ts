/**
 * Tray or window, as the Linux desktop says (linux/tray-host.ts): the tray's content moves to the panel window and
 * back, the panel changes its kind of window, and the first time there is no tray a notice says how to get one.
 * Toast visibility read on the same bus goes to the desktop status. Other OSes always have a tray.
 */
import { app } from 'electron'
import type { TrayPresence } from '../../../shared/protocol'
import type { Logger } from '../../core/engine/log'
import { watchLinuxDesktop } from '../linux/desktop-env'
import type { DesktopStatusHolder } from './desktop-status'
import { HIDDEN_ARG } from './login-item'
import type { Notifier } from './notifications'
import { once } from './once'
import type { PanelHandle } from './panel-window'
import type { TrayController } from './tray-controller'

/** What the switch moves. */
export interface PresenceDeps {
  status: DesktopStatusHolder
  trays: TrayController
  panel: PanelHandle
  notifier: Notifier
  log: Logger
}

/** Starts following the desktop (Linux only). */
export function followTrayPresence(deps: PresenceDeps): void {
  if (process.platform !== 'linux') return
  const { status, trays, panel } = deps
  // Started at login: a window that replaces the tray waits in the taskbar; so does one after a live switch.
  const startedHidden = process.argv.includes(HIDDEN_ARG)
  let started = false
  const apply = (presence: TrayPresence) => {
    const unchanged = status.get().tray.mode === presence.mode
    status.setTray(presence)
    if (unchanged) return
    trays.setPresence(presence.mode)
    panel.setMode(presence.mode === 'tray' ? 'popup' : 'window', { minimized: startedHidden || started })
    if (presence.mode === 'window')
      once(app.getPath('userData'), 'no-tray', () =>
        deps.notifier.notice('No tray on this desktop', presence.reason ?? ''),
      )
  }
  void watchLinuxDesktop(
    process.env.DBUS_SESSION_BUS_ADDRESS,
    { tray: apply, toasts: (toasts) => status.setToasts(toasts) },
    deps.log,
  ).finally(() => {
    started = true
  })
}

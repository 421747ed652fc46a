/**
 * OS integration: the global shortcut (rolls back to the previous one when registration fails), the login
 * item (start hidden), and wake/unlock → immediate refresh.
 */
import { app, globalShortcut, powerMonitor } from 'electron'
import type { Logger } from '../../core/engine/log'
import { applyLinuxAutostart, HIDDEN_ARG } from './login-item'

/** Registers `accelerator` for `onPress`, replacing `previous`; on failure restores `previous`. Returns the active one. */
export function applyGlobalShortcut(
  accelerator: string | null,
  previous: string | null,
  onPress: () => void,
  log: Logger,
): string | null {
  if (accelerator === previous && previous && globalShortcut.isRegistered(previous)) return previous
  if (previous) globalShortcut.unregister(previous)
  if (!accelerator) return null
  let ok = false
  try {
    ok = globalShortcut.register(accelerator, onPress)
  } catch {
    ok = false
  }
  if (ok) return accelerator
  log.warn('global shortcut could not be registered; keeping the previous one', { accelerator })
  if (previous && globalShortcut.register(previous, onPress)) return previous
  return null
}

/**
 * Starts at login (skipped in development, where the path would be Electron's own). Electron 45 dropped
 * `openAsHidden`; the app always starts to the tray only, so the panel stays hidden at login anyway.
 * Linux has no login-item API: an XDG autostart entry does it there.
 */
export function applyLoginItem(openAtLogin: boolean, log: Logger): void {
  if (!app.isPackaged) return
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_ARG] })
    return
  }
  try {
    applyLinuxAutostart(openAtLogin, process.env, process.execPath)
  } catch (error) {
    log.warn('could not update the autostart entry', { error: String(error) })
  }
}

/** Calls `refresh` when the machine wakes or the screen unlocks (polls missed while asleep). */
export function onWake(refresh: () => void): void {
  powerMonitor.on('resume', refresh)
  powerMonitor.on('unlock-screen', refresh)
}

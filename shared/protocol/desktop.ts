/**
 * What only the desktop app knows about itself (docs/updates-and-policy.md, docs/desktop-shell.md): its updates,
 * whether it has a tray or runs as a window, and whether the OS shows its toasts. Sent as the `desktop.status`
 * event whenever any of it changes, and answered by the `desktop.status` command; other hosts answer `unsupported`.
 */
import type { UpdateChannel } from '../policy'

/** Where an update stands. */
export type UpdateState =
  /** Turned off by the machine policy: no check, no request at all. */
  | 'off'
  /** This build cannot update itself (a development build, or no update server configured). */
  | 'unsupported'
  | 'idle'
  | 'checking'
  | 'downloading'
  /** Downloaded and verified: "Restart to update to X". */
  | 'ready'
  /** A newer version exists that this install cannot apply itself (a `.deb`): `downloadUrl` says where it is. */
  | 'available'
  /** The check or the download failed, or the download was refused (checksum): `message` says why. */
  | 'failed'

/** The update status the tray menu and the panel's banner show. */
export interface UpdateStatus {
  state: UpdateState
  /** The running version. */
  current: string
  channel: UpdateChannel
  /** The version found, downloading, ready or failed; null when none. */
  version: string | null
  /** Where a `.deb` user downloads `version` from (state `available`). */
  downloadUrl: string | null
  /** Plain words for the user (why it is off or failed; what restarting will do). */
  message: string | null
  /** Epoch ms of the last finished check, or null. */
  checkedAt: number | null
}

/** Whether the app shows a tray icon or runs as an ordinary window (a Linux desktop without a tray host). */
export interface TrayPresence {
  mode: 'tray' | 'window'
  /** Why, in plain words (e.g. "no StatusNotifierItem host on this desktop: install the AppIndicator extension"). */
  reason: string | null
}

/** Whether the OS shows the app's toasts, as far as it can be told. */
export interface ToastVisibility {
  /** True when toasts are known to be hidden (do-not-disturb, no notification server). */
  hidden: boolean
  /** Why they are hidden, or what is known (the notification server's name). */
  reason: string | null
  /** False where the OS does not let an app find out (Windows Focus Assist, macOS Focus): use the test alert. */
  detectable: boolean
  /** What to check on this OS when a test alert did not show, one step per line. */
  guidance: string[]
}

/** The desktop app's own state. */
export interface DesktopStatus {
  update: UpdateStatus
  tray: TrayPresence
  toasts: ToastVisibility
}

/** Result of `notifications.test`: the toast was handed to the OS (`shown`) or refused (`failed`, with the OS's words). */
export interface TestAlertResult {
  outcome: 'shown' | 'failed' | 'unsupported'
  error: string | null
  toasts: ToastVisibility
}

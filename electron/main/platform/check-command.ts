/**
 * `chat-tray --check`: the desktop's own diagnostics in a terminal — the tray (or why there is none), whether
 * toasts are shown, updates and the machine policy — one line each, like the headless `--check`; exit 0 unless a
 * line fails. The help-desk lines need the running app (Settings → Check my setup) or `npm run headless -- --check`.
 */
import { app } from 'electron'
import { NO_POLICY } from '../../../shared/policy'
import type { ToastVisibility, TrayPresence, UpdateStatus } from '../../../shared/protocol'
import { silentLogger } from '../../core/engine/log'
import { formatCheck } from '../../core/runtime/diagnostics/check'
import { loadPolicy } from '../../core/runtime/policy-file'
import { watchLinuxDesktop } from '../linux/desktop-env'
import { desktopChecks } from './desktop-checks'
import { initialToasts } from './toast-guidance'

/** The command-line switch. */
export const CHECK_ARG = '--check'

/** Runs the checks, writes one line each to `write`, and resolves with the exit code. */
export async function runDesktopCheck(write: (line: string) => void): Promise<number> {
  const policy = loadPolicy(process.platform, process.env).status
  let tray: TrayPresence = { mode: 'tray', reason: null }
  let toasts: ToastVisibility = initialToasts(process.platform)
  if (process.platform === 'linux') {
    const stop = await watchLinuxDesktop(
      process.env.DBUS_SESSION_BUS_ADDRESS,
      { tray: (next) => (tray = next), toasts: (next) => (toasts = next) },
      silentLogger,
    )
    // The toast state is read once more after subscribing; let that answer arrive.
    await new Promise((resolve) => setTimeout(resolve, 200))
    stop()
  }
  const update: UpdateStatus = {
    state: policy.updates === 'off' ? 'off' : app.isPackaged ? 'idle' : 'unsupported',
    current: app.getVersion(),
    channel: policy.channel ?? 'stable',
    version: null,
    downloadUrl: null,
    message:
      policy.updates === 'off'
        ? "turned off by your organisation's policy"
        : app.isPackaged
          ? null
          : 'a development build does not update itself',
    checkedAt: null,
  }
  const checks = desktopChecks({ tray, toasts, update }, policy ?? NO_POLICY)
  for (const check of checks) write(formatCheck(check))
  write('help desks: Settings → Check my setup in the running app, or npm run headless -- --check')
  return checks.some((check) => check.status === 'fail') ? 1 : 0
}

/**
 * The desktop's own lines of "Check my setup" (`setup.check`): the tray (or the window that replaces it), whether
 * toasts reach the agent, updates, and the machine policy. Pure: built from the desktop status and the policy.
 */
import type { PolicyStatus } from '../../../shared/policy'
import type { CheckResult, DesktopStatus } from '../../../shared/protocol'
import type { DispatchOutcome } from '../../core/engine/dispatcher'

/** The desktop checks, in a stable order. */
export function desktopChecks(status: DesktopStatus, policy: PolicyStatus): CheckResult[] {
  const checks: CheckResult[] = []
  checks.push(
    status.tray.mode === 'tray'
      ? { id: 'desktop.tray', status: 'pass', message: 'the tray icon shows' }
      : {
          id: 'desktop.tray',
          status: 'warn',
          message: status.tray.reason ?? 'this desktop shows no tray icons; Chat Tray runs as a window',
          fix: 'GNOME: install the "AppIndicator and KStatusNotifierItem Support" extension',
        },
  )
  const { toasts } = status
  if (toasts.hidden)
    checks.push({
      id: 'desktop.toasts',
      status: 'warn',
      message: `toasts are hidden: ${toasts.reason ?? 'by the system'}; sound and the tray still alert`,
      fix: toasts.guidance[0] ?? 'turn off do not disturb',
    })
  else if (!toasts.detectable)
    checks.push({ id: 'desktop.toasts', status: 'skip', message: toasts.reason ?? 'cannot be detected here' })
  else checks.push({ id: 'desktop.toasts', status: 'pass', message: `toasts ${toasts.reason ?? 'are shown'}` })
  const { update } = status
  if (update.state === 'failed')
    checks.push({ id: 'desktop.updates', status: 'warn', message: update.message ?? 'the last update failed' })
  else if (update.state === 'off' || update.state === 'unsupported')
    checks.push({ id: 'desktop.updates', status: 'skip', message: update.message ?? update.state })
  else
    checks.push({
      id: 'desktop.updates',
      status: 'pass',
      message: `${update.channel} channel, ${
        update.version && update.state !== 'idle'
          ? `${update.version} ${update.state}`
          : update.checkedAt === null
            ? `${update.current}, not checked yet`
            : `up to date (${update.current})`
      }`,
    })
  if (policy.problems.length > 0)
    for (const problem of policy.problems)
      checks.push({ id: 'desktop.policy', status: 'warn', message: problem, fix: 'ask your IT department' })
  else if (policy.file)
    checks.push({
      id: 'desktop.policy',
      status: 'pass',
      message: `machine policy ${policy.file}: ${policy.locked.length} setting(s) locked, updates ${policy.updates}`,
    })
  return checks
}

/** A `setup.check` outcome with the desktop's lines added ("Check my setup" in the app). */
export function withDesktopChecks(
  outcome: DispatchOutcome,
  status: DesktopStatus,
  policy: PolicyStatus,
): DispatchOutcome {
  if (!outcome.ok) return outcome
  const result = outcome.result as { ok: boolean; checks: CheckResult[] }
  const checks = [...result.checks, ...desktopChecks(status, policy)]
  return { ok: true, result: { ok: checks.every((check) => check.status !== 'fail'), checks } }
}

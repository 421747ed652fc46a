/** The shape of one diagnostic check ("why don't I get alerts?") and how results are printed. */

import type { CheckResult, CheckStatus } from '../../../../shared/protocol'

export type { CheckResult, CheckStatus }

/** True when no check failed. */
export function allPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.status !== 'fail')
}

const LABEL: Record<CheckStatus, string> = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' }

/** One line per check: `[ok  ] helpcrunch.key  message — fix: …`. */
export function formatCheck(result: CheckResult): string {
  const fix = result.fix ? ` — fix: ${result.fix}` : ''
  return `[${LABEL[result.status]}] ${result.id.padEnd(24)} ${result.message}${fix}`
}

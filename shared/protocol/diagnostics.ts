/** Results of the setup diagnostics (`setup.check`, headless `--check`). */

/** Outcome of one check: `fail` makes `--check` exit 1; `warn` and `skip` do not. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip'

/** One check's verdict, with the fix when something is wrong. Never contains a secret. */
export interface CheckResult {
  id: string
  status: CheckStatus
  message: string
  fix?: string
}

/**
 * "Check my setup": runs `setup.check` in main and lists each check with its verdict, message and fix.
 * The verdict is a word and a symbol as well as a colour, so it reads without colour vision.
 */
import { useState } from 'react'
import type { CheckResult, CheckStatus } from '../../../../shared/protocol/diagnostics'
import { command } from '../../lib/bridge'
import { checkField, panelFix } from '../../lib/check-fields'
import { useChrome } from '../../stores/chrome-store'

const VERDICTS: Record<CheckStatus, { symbol: string; word: string }> = {
  pass: { symbol: '✓', word: 'Pass' },
  warn: { symbol: '!', word: 'Warning' },
  fail: { symbol: '✗', word: 'Failed' },
  skip: { symbol: '–', word: 'Skipped' },
}

type Run =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; ok: boolean; checks: CheckResult[] }
  | { state: 'error'; message: string }

/** The button and the results. */
export function SetupCheck() {
  const [run, setRun] = useState<Run>({ state: 'idle' })
  const check = async () => {
    setRun({ state: 'running' })
    const outcome = await command('setup.check', {})
    setRun(outcome.ok ? { state: 'done', ...outcome.result } : { state: 'error', message: outcome.error.message })
  }
  return (
    <fieldset className="setup-check" id="section-diagnostics" tabIndex={-1}>
      <legend>Diagnostics</legend>
      <div className="inline-buttons">
        {/* aria-disabled, not disabled, while running: a disabled button drops keyboard focus to the page. */}
        <button
          type="button"
          aria-disabled={run.state === 'running' || undefined}
          onClick={() => void (run.state === 'running' ? undefined : check())}
        >
          {run.state === 'running' ? 'Checking…' : 'Check my setup'}
        </button>
        {run.state === 'done' ? (
          <span role="status" className={run.ok ? 'ok-text' : 'error-text'}>
            {summary(run.checks)}
          </span>
        ) : null}
      </div>
      {run.state === 'error' ? (
        <p className="field-error" role="alert">
          The check could not run: {run.message}
        </p>
      ) : null}
      {run.state === 'done' ? (
        <ul className="check-list" aria-label="Setup checks">
          {run.checks.map((result) => (
            <CheckLine key={result.id} result={result} />
          ))}
        </ul>
      ) : null}
    </fieldset>
  )
}

function CheckLine({ result }: { result: CheckResult }) {
  const verdict = VERDICTS[result.status]
  const field = checkField(result.id)
  return (
    <li className={`check check-${result.status}`}>
      <span className="check-verdict">
        <span aria-hidden="true">{verdict.symbol}</span> {verdict.word}
      </span>
      <span className="check-message">{result.message}</span>
      {result.fix && result.status !== 'pass' ? <span className="check-fix">Fix: {panelFix(result.fix)}</span> : null}
      {field && result.status !== 'pass' && result.status !== 'skip' ? (
        <button
          type="button"
          className="link go-to-field"
          aria-label={`Go to ${field.name}`}
          onClick={() => useChrome.getState().goToField(field.path)}
        >
          Go to field
        </button>
      ) : null}
    </li>
  )
}

/** One sentence for the whole run. */
export function summary(checks: CheckResult[]): string {
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length
  const [failed, warned] = [count('fail'), count('warn')]
  if (failed > 0) return `${failed} of ${checks.length} checks failed.`
  if (warned > 0) return `No failures; ${warned} ${warned === 1 ? 'warning' : 'warnings'}.`
  return 'All checks passed.'
}

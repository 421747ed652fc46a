/**
 * Per-source health in one line each, inside its own landmark: what is wrong in plain words, when it last
 * synced, a Retry where retrying helps, and "Fix in settings" landing on the field that fixes it.
 */
import { useState } from 'react'
import type { SourceStatus } from '../../../shared/protocol'
import { command } from '../lib/bridge'
import { canRetry, fixField, healthSentence, syncedWords, warningFix } from '../lib/health-words'
import { useChrome } from '../stores/chrome-store'
import { usePanelStore } from '../stores/panel-store'
import { useClock } from '../stores/ui-store'
import './chrome/health-strip.css'

/** The strip. */
export function HealthStrip() {
  const sources = usePanelStore((s) => s.sources)
  const list = Object.values(sources)
  if (list.length === 0) return null
  return (
    <section className="health-strip" aria-label="Source health">
      <ul>
        {list.map((s) => (
          <HealthLine key={s.source} status={s} />
        ))}
      </ul>
    </section>
  )
}

function HealthLine({ status }: { status: SourceStatus }) {
  // Minute resolution for "synced", second resolution only while a countdown is shown.
  const now = useClock((c) => (status.retryAt ? c.now : Math.floor(c.now / 60_000) * 60_000))
  const [retry, setRetry] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const stateFix = fixField(status)
  // Configuration warnings wait while the source itself is failing: the one line goes to the failure first.
  const healthy = status.state === 'ok' || status.state === 'polling'
  const warnFix = healthy ? warningFix(status) : null
  const fix = stateFix ? { path: stateFix, label: status.state === 'disabled' ? 'Set up' : 'Fix in settings' } : warnFix
  const synced = syncedWords(status, now)
  const warnings = healthy ? status.warnings.length : 0
  const runRetry = async () => {
    setRetry({ busy: true, error: null })
    const outcome = await command('sources.refresh', { source: status.source })
    setRetry({ busy: false, error: outcome.ok ? null : `Retry failed: ${outcome.error.message}` })
  }
  return (
    <li className={`health health-${status.state}`}>
      <span className="dot" aria-hidden="true" />
      <span className="health-text" title={status.message ?? undefined}>
        {healthSentence(status, now)}
        {synced ? <span className="health-synced"> · {synced}</span> : null}
      </span>
      {warnings > 0 ? (
        <span className="health-warnings" title={status.warnings.join('\n')}>
          {warnings === 1 ? '1 warning' : `${warnings} warnings`}
        </span>
      ) : null}
      {retry.error ? (
        <span className="health-error" role="alert">
          {retry.error}
        </span>
      ) : null}
      {canRetry(status) ? (
        <button
          type="button"
          className="link"
          aria-disabled={retry.busy || undefined}
          onClick={() => void (retry.busy ? undefined : runRetry())}
        >
          {retry.busy ? 'Retrying…' : 'Retry'}
        </button>
      ) : null}
      {fix ? (
        <button type="button" className="link" onClick={() => useChrome.getState().goToField(fix.path)}>
          {fix.label}
        </button>
      ) : null}
    </li>
  )
}

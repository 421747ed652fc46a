/**
 * A failing source is loud; a healthy one costs nothing. While every source is well this renders nothing. When
 * one fails (key rejected, unreachable, rate limited, erroring) a coloured bar across the list says what that
 * means — "HelpCrunch chats may be missing — API key rejected" — with Retry or Fix (no HTTP internals: the raw
 * detail is in Settings → Check my setup and the log); each configuration warning is a readable line with the field that fixes it (no tooltip needed). Its own landmark ("Source health").
 */
import { useState } from 'react'
import type { SourceStatus } from '../../../shared/protocol'
import { command } from '../lib/bridge'
import {
  canRetry,
  FAILING_STATES,
  failureWords,
  fixField,
  severity,
  syncedWords,
  warningFix,
} from '../lib/health-words'
import { useChrome } from '../stores/chrome-store'
import { usePanelStore } from '../stores/panel-store'
import { useClock } from '../stores/ui-store'
import './chrome/health-strip.css'

const healthy = (s: SourceStatus) => s.state === 'ok' || s.state === 'polling'

/** The strip (nothing while all is well). */
export function HealthStrip() {
  const sources = usePanelStore((s) => s.sources)
  const info = usePanelStore((s) => s.sourceInfo)
  const list = Object.values(sources)
  const failing = list.filter((s) => FAILING_STATES.has(s.state))
  const warned = list.filter((s) => healthy(s) && s.warnings.length > 0)
  if (failing.length === 0 && warned.length === 0) return null
  const label = (s: SourceStatus) => s.label ?? info[s.source]?.label ?? s.source
  return (
    <section className="health-strip" aria-label="Source health">
      <ul>
        {failing.map((s) => (
          <FailureLine key={s.source} status={s} label={label(s)} />
        ))}
        {warned.flatMap((s) =>
          s.warnings.map((warning) => (
            <WarningLine key={`${s.source} ${warning}`} status={s} label={label(s)} warning={warning} />
          )),
        )}
      </ul>
    </section>
  )
}

function FailureLine({ status, label }: { status: SourceStatus; label: string }) {
  // Second resolution only while a countdown is shown.
  const now = useClock((c) => (status.retryAt ? c.now : Math.floor(c.now / 60_000) * 60_000))
  const [retry, setRetry] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const fix = fixField(status)
  const synced = syncedWords(status, now)
  const runRetry = async () => {
    setRetry({ busy: true, error: null })
    const outcome = await command('sources.refresh', { source: status.source })
    setRetry({ busy: false, error: outcome.ok ? null : `Retry failed: ${outcome.error.message}` })
  }
  return (
    <li className={`health health-${status.state} health-${severity(status)}`}>
      <span className="health-text">
        <strong>{label} chats may be missing</strong> — {failureWords(status, now)}
        {synced ? <span className="health-synced"> · {synced}</span> : null}
      </span>
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
        <button type="button" className="link" onClick={() => useChrome.getState().goToField(fix)}>
          Fix
        </button>
      ) : null}
    </li>
  )
}

function WarningLine({ status, label, warning }: { status: SourceStatus; label: string; warning: string }) {
  const fix = warningFix(status, warning)
  return (
    <li className="health health-warning health-warn">
      <span className="health-text">
        <strong>{label}:</strong> {warning}
      </span>
      {fix ? (
        <button type="button" className="link" onClick={() => useChrome.getState().goToField(fix.path)}>
          {fix.label}
        </button>
      ) : null}
    </li>
  )
}

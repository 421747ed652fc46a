/**
 * A failed quick action under its row (or alert): plain words first, then Retry with its countdown (or
 * the way to Settings), and the raw detail folded away for whoever needs to report it.
 */
import { describeFailure } from '../lib/failure-text'
import { type RowFailure as Failure, useRowActions } from '../stores/row-actions-store'
import { useClock, useUi } from '../stores/ui-store'

/** Props: the chat's key and source, and its failure. */
export interface RowFailureProps {
  chatKey: string
  source: string
  failure: Failure
}

/** The failure block. */
export function RowFailure({ chatKey, source, failure }: RowFailureProps) {
  const now = useClock((s) => s.now)
  const text = describeFailure(failure.action, failure.error, source, Math.max(now, failure.at))
  const wait =
    text.retryAfterMs === null ? null : Math.ceil((failure.at + text.retryAfterMs - Math.max(now, failure.at)) / 1000)
  return (
    <div className="row-error" role="alert">
      <p className="row-error-text">
        <strong>{text.headline}</strong> {text.reason}
      </p>
      <div className="row-error-actions">
        {wait !== null ? (
          <button type="button" disabled={wait > 0} onClick={() => void failure.retry()}>
            {wait > 0 ? `Retry in ${wait} s` : 'Retry'}
          </button>
        ) : null}
        {text.fixInSettings ? (
          <button type="button" onClick={() => useUi.getState().setView('settings')}>
            Open Settings
          </button>
        ) : null}
        <button type="button" className="link" onClick={() => useRowActions.getState().dismiss(chatKey)}>
          Dismiss
        </button>
      </div>
      <details className="row-error-detail">
        <summary>Details</summary>
        <code>
          {failure.error.code}
          {failure.error.sourceCode ? ` (${failure.error.sourceCode})` : ''}: {failure.error.message}
        </code>
      </details>
    </div>
  )
}

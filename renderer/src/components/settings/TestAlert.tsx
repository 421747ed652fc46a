/**
 * Settings → "Send a test alert": a real toast through the OS, then "Did you see it?" — only the agent can tell,
 * because the OS answers "shown" for a toast its do-not-disturb or Focus then hides. "No" (or a toast the OS refused)
 * lists what to check on this OS (`guidance` from main, docs/desktop-shell.md "Toasts the OS hides").
 */
import { useState } from 'react'
import type { TestAlertResult } from '../../../../shared/protocol'
import { command } from '../../lib/bridge'

type Step =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'asked'; result: TestAlertResult }
  | { kind: 'seen' }
  | { kind: 'not-seen'; why: string; guidance: string[] }
  | { kind: 'unavailable'; message: string }

/** The button, the question and its answer. */
export function TestAlert() {
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const send = async () => {
    setStep({ kind: 'sending' })
    const outcome = await command('notifications.test', {})
    if (!outcome.ok)
      return setStep({
        kind: 'unavailable',
        message:
          outcome.error.code === 'unsupported'
            ? 'Only the desktop app shows toasts; this window cannot send one.'
            : `The test alert could not be sent: ${outcome.error.message}`,
      })
    const result = outcome.result
    if (result.outcome === 'shown') return setStep({ kind: 'asked', result })
    setStep({
      kind: 'not-seen',
      why:
        result.outcome === 'failed'
          ? `The system refused the toast${result.error ? `: ${result.error}` : ''}.`
          : 'This system cannot show toasts.',
      guidance: result.toasts.guidance,
    })
  }
  return (
    <div className="field test-alert">
      <div className="inline-buttons">
        <button type="button" disabled={step.kind === 'sending'} onClick={() => void send()}>
          Send a test alert
        </button>
      </div>
      {step.kind === 'asked' ? (
        <div className="inline-buttons">
          <span role="status">Did you see it?</span>
          <button type="button" onClick={() => setStep({ kind: 'seen' })}>
            Yes
          </button>
          <button
            type="button"
            onClick={() =>
              setStep({
                kind: 'not-seen',
                why: 'The system accepted the toast but did not show it to you.',
                guidance: step.result.toasts.guidance,
              })
            }
          >
            No
          </button>
        </div>
      ) : null}
      {step.kind === 'seen' ? (
        <span className="saved-text" role="status">
          Toasts reach you. Sound and the tray alert too.
        </span>
      ) : null}
      {step.kind === 'not-seen' ? <NotSeen why={step.why} guidance={step.guidance} /> : null}
      {step.kind === 'unavailable' ? (
        <span className="hint" role="status">
          {step.message}
        </span>
      ) : null}
    </div>
  )
}

function NotSeen({ why, guidance }: { why: string; guidance: string[] }) {
  return (
    <div role="alert" className="test-alert-help">
      <p>{why} Until it is fixed, the app's sound and the tray still alert you. Check:</p>
      {guidance.length > 0 ? (
        <ul>
          {guidance.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>your system's do-not-disturb or Focus setting, and whether Chat Tray may show notifications.</p>
      )}
    </div>
  )
}

/**
 * What a callback request asks for: the number to call (with a copy button: the panel cannot dial), the
 * preferred time and the customer's note (hidden in privacy mode, like message text).
 */
import { useState } from 'react'
import type { CallbackDetails as Callback } from '../../../shared/chat'
import { timeOfDay as clock, dayKey, shortDate } from '../lib/time-format'

/** Props. */
export interface CallbackDetailsProps {
  callback: Callback
  privacy: boolean
  /** Who asked (names the copy button for screen readers). */
  customer: string
}

/** The details block under a callback row. */
export function CallbackDetails({ callback, privacy, customer }: CallbackDetailsProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const { phone, note } = callback
  const when = callback.preferredTimes
    .map((range) => preferredTime(range))
    .filter(Boolean)
    .join(', ')
  const copy = async (number: string) => {
    try {
      await navigator.clipboard.writeText(number)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <div className="callback-details">
      {phone ? (
        <span className="callback-phone">
          <span aria-hidden="true">☎ </span>
          <span className="phone-number">{phone}</span>
          <button
            type="button"
            className="link"
            // Out of the tab order like the row's other actions; the row menu and `c` copy it too.
            tabIndex={-1}
            aria-label={`Copy ${customer}'s number`}
            onClick={() => void copy(phone)}
          >
            Copy
          </button>
          {copied ? (
            <span role="status" className={copied === 'yes' ? 'ok-text' : 'error-text'}>
              {copied === 'yes' ? 'Copied' : 'Copy failed: select the number'}
            </span>
          ) : null}
        </span>
      ) : (
        <span className="callback-phone">
          {callback.kind === 'chat' ? 'Asked to be contacted by chat' : 'No number given'}
        </span>
      )}
      {when ? <span className="callback-when">Preferred {when}</span> : null}
      {note && !privacy ? <q className="callback-note">{note}</q> : null}
    </div>
  )
}

/** "14:00–15:00", "from 14:00", "until 15:00"; a day name when not today. */
export function preferredTime(
  range: { start: number | null; end: number | null; text?: string | null },
  now = Date.now(),
): string {
  const { start, end } = range
  if (start === null && end === null) return range.text ?? ''
  const day = dayPrefix(start ?? end ?? now, now)
  if (start !== null && end !== null) return `${day}${clock(start)}–${clock(end)}`
  return start !== null ? `${day}from ${clock(start)}` : `${day}until ${clock(end as number)}`
}

function dayPrefix(at: number, now: number): string {
  if (dayKey(at) === dayKey(now)) return ''
  // A day later in the panel's time zone (a day is 24 h except across a clock change: check both sides).
  if ([now + 86_400_000, now + 82_800_000, now + 90_000_000].some((t) => dayKey(t) === dayKey(at))) return 'tomorrow '
  return `${shortDate(at)} `
}

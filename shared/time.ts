/**
 * One lenient timestamp parser for every shape the two help desks send (HELPCRUNCH.md §3, DESKDIRECTOR.md §2.7):
 * numbers and numeric strings in seconds (`1603885746`, `"1603885746"`, `"1603864800.000"`, `"1607542030.713"`),
 * milliseconds, and ISO-8601 strings with up to 7 fractional digits, with or without a zone (no zone = UTC).
 */
import { z } from 'zod'

/** Seconds below this are taken as seconds, above as milliseconds (1e11 s is the year 5138). */
const SECONDS_CEILING = 1e11
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/** Result of parsing one timestamp: epoch ms, `null` for an absent value, or a reason it is unreadable. */
export type TimestampResult = { ok: true; value: number | null } | { ok: false; reason: string }

/** Parses any supported timestamp shape to epoch milliseconds; never throws. */
export function parseTimestamp(input: unknown): TimestampResult {
  if (input === null || input === undefined || input === '') return { ok: true, value: null }
  if (typeof input === 'number') return fromNumber(input)
  if (typeof input !== 'string') return { ok: false, reason: `expected a timestamp, got ${typeof input}` }
  const text = input.trim()
  if (NUMERIC.test(text)) return fromNumber(Number(text))
  const iso = ISO.exec(text)
  if (!iso) return { ok: false, reason: `unreadable timestamp "${truncate(text)}"` }
  const [, date, time = '00:00:00', fraction = '', zone = 'Z'] = iso
  const millis = fraction.slice(0, 3).padEnd(3, '0')
  const normalizedZone = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
  const seconds = time.length === 5 ? `${time}:00` : time
  const value = Date.parse(`${date}T${seconds}.${millis}${normalizedZone}`)
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `invalid date "${truncate(text)}"` }
}

function fromNumber(n: number): TimestampResult {
  if (!Number.isFinite(n) || n < 0) return { ok: false, reason: `timestamp out of range: ${n}` }
  return { ok: true, value: n < SECONDS_CEILING ? Math.round(n * 1000) : Math.round(n) }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

/** zod schema: any supported timestamp shape → epoch ms or null; unreadable values fail with the reason. */
export const timestampSchema = z.unknown().transform((input, ctx): number | null => {
  const result = parseTimestamp(input)
  if (result.ok) return result.value
  ctx.addIssue({ code: 'custom', message: result.reason })
  return z.NEVER
})

/** Epoch ms → UNIX seconds (what HelpCrunch expects in requests). */
export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}

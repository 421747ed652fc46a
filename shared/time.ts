/**
 * One lenient timestamp parser for every shape the two help desks send (docs/helpcrunch.md, docs/deskdirector.md):
 * numbers and numeric strings in seconds (`1603885746`, `"1603885746"`, `"1603864800.000"`, `"1607542030.713"`),
 * milliseconds, and ISO-8601 strings with up to 7 fractional digits, with or without a zone (no zone = UTC).
 */
import { z } from 'zod'

/** Seconds below this are taken as seconds, above as milliseconds (1e11 s is the year 5138). */
const SECONDS_CEILING = 1e11
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/
/** The shape both help desks normally send (UTC, at least milliseconds): parsed without the general path. */
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,}Z$/
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/** Result of parsing one timestamp: epoch ms, `null` for an absent value, or a reason it is unreadable. */
export type TimestampResult = { ok: true; value: number | null } | { ok: false; reason: string }

/** Parses any supported timestamp shape to epoch milliseconds; never throws. */
export function parseTimestamp(input: unknown): TimestampResult {
  if (input === null || input === undefined || input === '') return { ok: true, value: null }
  if (typeof input === 'number') return fromNumber(input)
  if (typeof input !== 'string') return { ok: false, reason: `expected a timestamp, got ${typeof input}` }
  if (UTC_MILLIS.test(input)) {
    // Exactly what the general path below would build: the first three fraction digits, then `Z`.
    const value = Date.parse(input.length === 24 ? input : `${input.slice(0, 23)}Z`)
    if (Number.isFinite(value)) return { ok: true, value }
  }
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
export const timestampSchema = z.unknown().transform(toEpochMs)

/**
 * The same as `timestampSchema.optional()` for an object field (an absent field stays absent, null stays null,
 * same issues), a third cheaper per field: a bare transform, not a pipe. Used on the webhook hot path.
 */
export const optionalTimestampSchema = z.transform(toEpochMs).optional()

function toEpochMs(input: unknown, ctx: z.core.$RefinementCtx): number | null {
  const result = parseTimestamp(input)
  if (result.ok) return result.value
  ctx.addIssue({ code: 'custom', message: result.reason })
  return z.NEVER
}

/** Epoch ms → UNIX seconds (what HelpCrunch expects in requests). */
export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}

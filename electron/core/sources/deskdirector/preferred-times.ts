/**
 * DeskDirector `callback.preferredTime`, read leniently: its format is not specified, so a value that is not a
 * readable date is kept as text for the agent to read instead of failing the whole session.
 * Accepted: an array of `{start, end}` (timestamps or free text), an array of strings, or one string.
 */
import type { CallbackDetails } from '../../../../shared/chat'
import { parseTimestamp } from '../../../../shared/time'
import { MAX_PREFERRED_TIMES } from '../../../../shared/transforms/bounds'

type PreferredTime = CallbackDetails['preferredTimes'][number]

/** The preferred times of a callback; anything unreadable becomes `text`, never an error. */
export function preferredTimesOf(raw: unknown): PreferredTime[] {
  if (raw === null || raw === undefined) return []
  const items = Array.isArray(raw) ? raw.slice(0, MAX_PREFERRED_TIMES) : [raw]
  const times: PreferredTime[] = []
  for (const item of items) {
    const time = preferredTimeOf(item)
    if (time) times.push(time)
  }
  return times
}

function preferredTimeOf(item: unknown): PreferredTime | null {
  if (typeof item === 'string' || typeof item === 'number') return fromValues(item, undefined)
  if (typeof item !== 'object' || item === null) return null
  const { start, end } = item as { start?: unknown; end?: unknown }
  return fromValues(start, end)
}

function fromValues(start: unknown, end: unknown): PreferredTime | null {
  const parsedStart = parseTimestamp(start)
  const parsedEnd = parseTimestamp(end)
  if (parsedStart.ok && parsedEnd.ok) {
    if (parsedStart.value === null && parsedEnd.value === null) return null
    return { start: parsedStart.value, end: parsedEnd.value }
  }
  const text = [start, end]
    .filter((value) => value !== null && value !== undefined && value !== '')
    .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .join(' – ')
  return { start: null, end: null, text }
}

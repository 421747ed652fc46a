/** Small display formatters. Pure. */

/** "45s", "4m 05s", "1h 07m", "2d 3h". */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`
  const h = Math.floor(m / 60)
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`
  return `${Math.floor(h / 24)}d ${h % 24}h`
}

/** Local time of day, e.g. "14:05". */
export function clock(at: number): string {
  const d = new Date(at)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** Display name of a source id. */
export function sourceLabel(source: string): string {
  if (source === 'helpcrunch') return 'HelpCrunch'
  if (source === 'deskdirector') return 'DeskDirector'
  return source
}

/** Value for an `<input type="datetime-local">` at `at` (local time). */
export function toLocalInput(at: number): string {
  const d = new Date(at - new Date(at).getTimezoneOffset() * 60_000)
  return d.toISOString().slice(0, 16)
}

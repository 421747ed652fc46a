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

let timeLocale: string | undefined
let timeFormat: Intl.DateTimeFormat | null = null

/** Sets the locale of every time shown (the OS locale by default; tests pin one). */
export function setTimeLocale(locale: string | undefined): void {
  timeLocale = locale
  timeFormat = null
}

/** Local time of day in the locale's own format, e.g. "14:05" or "2:05 PM" (one formatter for the whole panel). */
export function clock(at: number): string {
  timeFormat ??= new Intl.DateTimeFormat(timeLocale, { hour: 'numeric', minute: '2-digit' })
  return timeFormat.format(at)
}

/** A shift time "HH:MM" in the same format as `clock` ("24:00" is the end of the day). */
export function clockOfDay(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  if (h === 24) return 'Midnight'
  return clock(new Date(2000, 0, 1, h, m).getTime())
}

/** Short weekday name in the same locale, "Mon"; `day` 0 = Sunday. */
export function weekdayShort(day: number): string {
  // 2000-01-02 was a Sunday.
  return new Intl.DateTimeFormat(timeLocale, { weekday: 'short' }).format(new Date(2000, 0, 2 + day))
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

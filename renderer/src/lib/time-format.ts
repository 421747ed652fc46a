/**
 * The panel's one time format (Intl): a time of day as the locale writes it ("15:10", "3:10 PM"), the same
 * with a weekday or date when it is not today ("Wed 09:00", "20 Dec, 09:00"), and relative words ("5 min ago").
 * Locale and time zone are the OS's unless pinned (`setTimeFormat`): tests pin both, so no test depends on
 * where or when it runs. Formatters are built once per kind and setting (building one costs far more than using it).
 */

type Kind = 'time' | 'dayTime' | 'dateTime' | 'day' | 'weekday'

const OPTIONS: Record<Kind, Intl.DateTimeFormatOptions> = {
  time: {},
  dayTime: { weekday: 'short' },
  dateTime: { day: 'numeric', month: 'short' },
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
  weekday: { weekday: 'short' },
}

let locale: string | undefined
let timeZone: string | undefined
const formats = new Map<Kind, Intl.DateTimeFormat>()
let relativeWords: Intl.RelativeTimeFormat | null = null

/** Pins the locale and time zone of every time the panel shows (undefined = the OS's). */
export function setTimeFormat(options: { locale?: string; timeZone?: string }): void {
  locale = options.locale
  timeZone = options.timeZone
  formats.clear()
  relativeWords = null
}

/** Hours as the locale writes a time of day: "9:00 AM" on a 12-hour clock, "09:00" on a 24-hour one (ICU
 * would otherwise pad the 12-hour form, "09:00 AM", or drop the pad next to a date, "20 Dec, 9:00"). */
function hourStyle(): 'numeric' | '2-digit' {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone }).resolvedOptions().hourCycle
  return cycle === 'h11' || cycle === 'h12' ? 'numeric' : '2-digit'
}

function formatter(kind: Kind): Intl.DateTimeFormat {
  let f = formats.get(kind)
  if (!f) {
    const withTime = kind === 'time' || kind === 'dayTime' || kind === 'dateTime'
    const time: Intl.DateTimeFormatOptions = withTime ? { hour: hourStyle(), minute: '2-digit' } : {}
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[kind], ...time, timeZone })
    formats.set(kind, f)
  }
  return f
}

/** The calendar day of `at` in the panel's time zone (compare two with ===). */
export function dayKey(at: number): string {
  return formatter('day').format(at)
}

/** The time of day of `at`: "15:10" or "3:10 PM". */
export function timeOfDay(at: number): string {
  return formatter('time').format(at)
}

/** The time of `at`, with the weekday when it is not today and the date when it is a week or more away. */
export function endsAt(at: number, now: number): string {
  if (dayKey(at) === dayKey(now)) return timeOfDay(at)
  if (Math.abs(at - now) < 6 * 86_400_000) return formatter('dayTime').format(at)
  return formatter('dateTime').format(at)
}

/** A shift time "HH:MM" in the same format ("24:00" is the end of the day). Shift times are wall-clock times,
 * not moments, so they are formatted in UTC from a UTC date (no zone can shift them). */
export function clockOfDay(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  if (h === 24) return 'Midnight'
  return new Intl.DateTimeFormat(locale, { hour: hourStyle(), minute: '2-digit', timeZone: 'UTC' }).format(
    Date.UTC(2000, 0, 1, h, m),
  )
}

/** Short weekday name in the same locale, "Mon"; `day` 0 = Sunday. */
export function weekdayShort(day: number): string {
  // 2000-01-02 was a Sunday (formatted in UTC: a weekday name is not a moment).
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 2 + day))
}

/** A date for a day other than today, "Mon 5 Jan". */
export function shortDate(at: number): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(at)
}

/** "now", "5 min ago", "2 hr ago", "yesterday" … in the locale's words. */
export function relative(at: number, now: number): string {
  relativeWords ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })
  const seconds = Math.round((at - now) / 1000)
  if (Math.abs(seconds) < 45) return relativeWords.format(0, 'second')
  const minutes = Math.round(seconds / 60)
  if (Math.abs(minutes) < 60) return relativeWords.format(minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (Math.abs(hours) < 24) return relativeWords.format(hours, 'hour')
  return relativeWords.format(Math.round(hours / 24), 'day')
}

/** The full date and time of `at` (tooltips). */
export function fullDateTime(at: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at)
}

/** Locale-aware moments and spans for the list (Intl): "14:20", "Tue 09:00", "5 min ago". Pure. */

const time = (locale?: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
const dayTime = (locale?: string) =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
const dateTime = (locale?: string) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

/** The time of `at`, with the weekday when it is not today and the date when it is a week or more away. */
export function endsAt(at: number, now: number, locale?: string): string {
  if (new Date(at).toDateString() === new Date(now).toDateString()) return time(locale).format(at)
  if (Math.abs(at - now) < 6 * 86_400_000) return dayTime(locale).format(at)
  return dateTime(locale).format(at)
}

/** "now", "5 min ago", "2 hr ago", "yesterday" … in the locale's words. */
export function relative(at: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })
  const seconds = Math.round((at - now) / 1000)
  if (Math.abs(seconds) < 45) return format.format(0, 'second')
  const minutes = Math.round(seconds / 60)
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (Math.abs(hours) < 24) return format.format(hours, 'hour')
  return format.format(Math.round(hours / 24), 'day')
}

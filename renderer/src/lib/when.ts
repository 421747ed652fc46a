/** Locale-aware moments and spans for the list (Intl): "14:20", "Tue 09:00", "5 min ago". Pure. */

type Kind = 'time' | 'dayTime' | 'dateTime'

const OPTIONS: Record<Kind, Intl.DateTimeFormatOptions> = {
  time: {},
  dayTime: { weekday: 'short' },
  dateTime: { day: 'numeric', month: 'short' },
}

/** Hours as the locale writes a time of day: "9:00 AM" on a 12-hour clock, "09:00" on a 24-hour one (ICU
 * would otherwise pad the 12-hour form, "09:00 AM", or drop the pad next to a date, "20 Dec, 9:00"). */
function hourStyle(locale?: string): 'numeric' | '2-digit' {
  let style = hourStyles.get(locale ?? '')
  if (!style) {
    // Asked once per locale: every probe builds a formatter of its own.
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle
    style = cycle === 'h11' || cycle === 'h12' ? 'numeric' : '2-digit'
    hourStyles.set(locale ?? '', style)
  }
  return style
}
const hourStyles = new Map<string, 'numeric' | '2-digit'>()

/** Formatters per kind and locale, each built the first time it is needed: constructing an Intl formatter
 * costs far more than formatting with one (a list of snoozed rows would otherwise build one per row). */
const formats = new Map<string, Intl.DateTimeFormat>()
const relatives = new Map<string, Intl.RelativeTimeFormat>()

function format(kind: Kind, at: number, locale?: string): string {
  const id = `${kind} ${locale ?? ''}`
  let f = formats.get(id)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[kind], hour: hourStyle(locale), minute: '2-digit' })
    formats.set(id, f)
  }
  return f.format(at)
}

/** The time of `at`, with the weekday when it is not today and the date when it is a week or more away. */
export function endsAt(at: number, now: number, locale?: string): string {
  if (new Date(at).toDateString() === new Date(now).toDateString()) return format('time', at, locale)
  if (Math.abs(at - now) < 6 * 86_400_000) return format('dayTime', at, locale)
  return format('dateTime', at, locale)
}

/** "now", "5 min ago", "2 hr ago", "yesterday" … in the locale's words. */
export function relative(at: number, now: number, locale?: string): string {
  let words = relatives.get(locale ?? '')
  if (!words) {
    words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })
    relatives.set(locale ?? '', words)
  }
  const seconds = Math.round((at - now) / 1000)
  if (Math.abs(seconds) < 45) return words.format(0, 'second')
  const minutes = Math.round(seconds / 60)
  if (Math.abs(minutes) < 60) return words.format(minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (Math.abs(hours) < 24) return words.format(hours, 'hour')
  return words.format(Math.round(hours / 24), 'day')
}

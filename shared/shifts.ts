/**
 * Weekly shifts in the machine's local time: is a moment inside a shift, and when does the next one start.
 * Pure; shared by the alert policy (do-not-disturb, the `next-shift` snooze) and the panel (which shows
 * when a "Next shift" snooze would end).
 */
import type { Shift } from './settings'

const DAY_MS = 86_400_000

/** Tomorrow at 09:00 local time: the fallback shift start when no schedule is configured. */
export function tomorrowNineAm(now: number): number {
  const date = new Date(now)
  date.setDate(date.getDate() + 1)
  date.setHours(9, 0, 0, 0)
  return date.getTime()
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':')
  return Number(h) * 60 + Number(m)
}

/** Local midnight of the day containing `at`, shifted by `days`. */
function midnight(at: number, days: number): Date {
  const date = new Date(at)
  date.setDate(date.getDate() + days)
  date.setHours(0, 0, 0, 0)
  return date
}

function at(day: Date, minutes: number): number {
  const d = new Date(day)
  d.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0)
  return d.getTime()
}

/** Occurrences [start, end) of every shift that starts on the local days from `now + fromDay` to `now + toDay`. */
function occurrences(shifts: readonly Shift[], now: number, fromDay: number, toDay: number): [number, number][] {
  const out: [number, number][] = []
  for (let offset = fromDay; offset <= toDay; offset++) {
    const day = midnight(now, offset)
    for (const shift of shifts) {
      if (shift.day !== day.getDay()) continue
      const start = minutesOf(shift.start)
      let end = minutesOf(shift.end)
      if (end <= start) end += 24 * 60
      const endDay = end >= 24 * 60 ? midnight(day.getTime(), 1) : day
      out.push([at(day, start), at(endDay, end % (24 * 60))])
    }
  }
  return out
}

/** True when `now` falls inside one of the shifts. */
export function inShift(shifts: readonly Shift[], now: number): boolean {
  return occurrences(shifts, now, -1, 0).some(([start, end]) => start <= now && now < end)
}

/** Start of the next shift strictly after `now`; tomorrow 09:00 when there is no schedule. */
export function nextShiftStart(shifts: readonly Shift[], now: number): number {
  if (shifts.length === 0) return tomorrowNineAm(now)
  const starts = occurrences(shifts, now, 0, 8)
    .map(([start]) => start)
    .filter((start) => start > now)
  return starts.length > 0 ? Math.min(...starts) : now + 7 * DAY_MS
}

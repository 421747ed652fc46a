/**
 * Weekly shift schedule and do-not-disturb arithmetic, in the machine's local time. Pure functions:
 * the policy asks "is this moment DND, and when does it end?" and the snooze preset asks "when is the next shift?".
 */
import type { Shift } from '../../../../shared/settings'
import { tomorrowNineAm } from '../snooze-time'

const DAY_MS = 86_400_000

/** What decides do-not-disturb: a manual end time and, optionally, "outside the shifts". */
export interface DndState {
  /** Manual DND until this epoch ms (`dnd.set`), or null. */
  manualUntil: number | null
  /** Outside every shift counts as DND. Ignored while `shifts` is empty (no schedule = never scheduled DND). */
  scheduleDnd: boolean
  shifts: readonly Shift[]
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

/** True when alerts are held at `now`. */
export function isDnd(state: DndState, now: number): boolean {
  if (state.manualUntil !== null && state.manualUntil > now) return true
  return state.scheduleDnd && state.shifts.length > 0 && !inShift(state.shifts, now)
}

/** When the do-not-disturb in force at `now` ends (manual and scheduled DND chained), or null if none is. */
export function dndEndsAt(state: DndState, now: number): number | null {
  let t = now
  for (let step = 0; step < 64 && isDnd(state, t); step++) {
    if (state.manualUntil !== null && state.manualUntil > t) t = state.manualUntil
    else t = nextShiftStart(state.shifts, t)
  }
  return t === now ? null : t
}

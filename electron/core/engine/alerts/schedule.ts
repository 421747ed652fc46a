/**
 * Weekly shift schedule and do-not-disturb arithmetic, in the machine's local time. Pure functions:
 * the policy asks "is this moment DND, and when does it end?" and the snooze preset asks "when is the next shift?".
 */
import type { Shift } from '../../../../shared/settings'
import { inShift, nextShiftStart } from '../../../../shared/shifts'

export { inShift, nextShiftStart }

/** What decides do-not-disturb: a manual end time and, optionally, "outside the shifts". */
export interface DndState {
  /** Manual DND until this epoch ms (`dnd.set`), or null. */
  manualUntil: number | null
  /** Outside every shift counts as DND. Ignored while `shifts` is empty (no schedule = never scheduled DND). */
  scheduleDnd: boolean
  shifts: readonly Shift[]
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

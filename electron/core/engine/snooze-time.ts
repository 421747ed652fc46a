/** Turns a snooze preset into a wake-up time. The alert policy may supply a shift-aware `nextShiftStart`. */
import type { SnoozePreset } from '../../../shared/alert'
import { tomorrowNineAm } from '../../../shared/shifts'

export { tomorrowNineAm }

/** Resolves `next-shift` (start of the next shift); defaults to tomorrow 09:00 local time. */
export type NextShiftStart = (now: number) => number

/** Epoch ms at which a snooze made at `now` with `preset` ends. */
export function snoozeUntil(
  preset: SnoozePreset,
  now: number,
  nextShiftStart: NextShiftStart = tomorrowNineAm,
): number {
  switch (preset) {
    case '15m':
      return now + 15 * 60_000
    case '1h':
      return now + 60 * 60_000
    case 'next-shift':
      return nextShiftStart(now)
  }
}

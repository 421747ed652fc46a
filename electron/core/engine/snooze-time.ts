/** Turns a snooze preset into a wake-up time. The alert policy may supply a shift-aware `nextShiftStart`. */
import type { SnoozePreset } from '../../../shared/alert'
import { tomorrowNineAm } from '../../../shared/shifts'

export { tomorrowNineAm }

/** The longest an "until the customer replies" snooze holds when no reply comes. */
export const UNTIL_REPLY_MAX_MS = 7 * 86_400_000

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
    case 'tomorrow':
      return tomorrowNineAm(now)
    case 'until-reply':
      // Ended early by the customer's next message (store overlay); a week is the longest it holds.
      return now + UNTIL_REPLY_MAX_MS
  }
}

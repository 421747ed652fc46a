import { describe, expect, it } from 'vitest'
import type { Shift } from '../../../../shared/settings'
import { dndEndsAt, inShift, isDnd, nextShiftStart } from './schedule'

const at = (day: number, h: number, m = 0) => new Date(2026, 0, 4 + day, h, m).getTime() // 2026-01-04 is a Sunday
const weekdays: Shift[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }))
const night: Shift[] = [{ day: 5, start: '22:00', end: '06:00' }]

describe('shift schedule', () => {
  it.each([
    ['Mon 08:59', weekdays, at(1, 8, 59), false],
    ['Mon 09:00', weekdays, at(1, 9), true],
    ['Mon 16:59', weekdays, at(1, 16, 59), true],
    ['Mon 17:00', weekdays, at(1, 17), false],
    ['Sun 12:00', weekdays, at(0, 12), false],
    ['Fri 23:00 (overnight shift)', night, at(5, 23), true],
    ['Sat 05:59 (overnight shift)', night, at(6, 5, 59), true],
    ['Sat 06:00', night, at(6, 6), false],
  ] as const)('inShift %s', (_label, shifts, now, expected) => {
    expect(inShift(shifts, now)).toBe(expected)
  })

  it.each([
    ['Mon 08:00 → Mon 09:00', weekdays, at(1, 8), at(1, 9)],
    ['Mon 10:00 (in shift) → Tue 09:00', weekdays, at(1, 10), at(2, 9)],
    ['Fri 18:00 → next Mon 09:00', weekdays, at(5, 18), at(8, 9)],
    ['no schedule → tomorrow 09:00', [], at(3, 15), at(4, 9)],
  ] as const)('nextShiftStart %s', (_label, shifts, now, expected) => {
    expect(nextShiftStart(shifts, now)).toBe(expected)
  })

  it.each([
    ['manual only', { manualUntil: at(1, 11), scheduleDnd: false, shifts: weekdays }, at(1, 10), at(1, 11)],
    ['manual expired', { manualUntil: at(1, 9), scheduleDnd: false, shifts: weekdays }, at(1, 10), null],
    ['schedule, evening', { manualUntil: null, scheduleDnd: true, shifts: weekdays }, at(1, 18), at(2, 9)],
    ['schedule, in shift', { manualUntil: null, scheduleDnd: true, shifts: weekdays }, at(1, 10), null],
    ['schedule but no shifts = never', { manualUntil: null, scheduleDnd: true, shifts: [] }, at(1, 3), null],
    [
      'manual into the evening chains to the next shift',
      { manualUntil: at(1, 18), scheduleDnd: true, shifts: weekdays },
      at(1, 16),
      at(2, 9),
    ],
  ] as const)('dndEndsAt: %s', (_label, state, now, expected) => {
    expect(dndEndsAt(state, now)).toBe(expected)
    expect(isDnd(state, now)).toBe(expected !== null)
  })
})

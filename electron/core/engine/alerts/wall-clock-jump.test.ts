/**
 * A wall clock set back 15 minutes (issue 24, item 4) once delayed still-waiting reminders and snooze-ended by
 * the jump: timers compared their wall due time with a clock that had gone back. With an injected wall clock and
 * a monotonic one, each alert comes when its time has passed on the monotonic clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeAdapter } from '../../../../tests/helpers/adapters'
import { buildAlerting } from '../../../../tests/helpers/alerting'
import { makeChat } from '../../../../tests/helpers/chats'

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0)
const MIN = 60_000
beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => vi.useRealTimers())

function desktop() {
  const clock = { shift: 0 }
  const t = buildAlerting({
    settings: { alerts: { batchWindowMs: 0, stillWaitingAfterSeconds: 60, repeatEverySeconds: 120 } },
    adapters: [fakeAdapter('deskdirector')],
    now: () => Date.now() + clock.shift,
    monotonic: () => Date.now(),
  })
  return { ...t, clock }
}

const kinds = (t: ReturnType<typeof desktop>) => t.alerts.map((a) => a.kind)

describe('a wall clock set back 15 minutes', () => {
  it('does not delay still-waiting reminders', () => {
    const t = desktop()
    t.engine.store.apply(makeChat({ createdAt: T0, updatedAt: T0 }))
    vi.advanceTimersByTime(30_000)
    t.clock.shift = -15 * MIN
    vi.advanceTimersByTime(30_000)
    expect(kinds(t)).toEqual(['new', 'still-waiting'])
    vi.advanceTimersByTime(2 * MIN)
    expect(kinds(t)).toEqual(['new', 'still-waiting', 'still-waiting'])
    t.stop()
  })

  it('does not delay snooze-ended', () => {
    const t = desktop()
    const chat = makeChat({ state: 'active', rawStatus: 'handled', createdAt: T0, updatedAt: T0 })
    t.engine.store.apply(chat)
    t.engine.store.setOverlay(chat.key, { snoozedUntil: T0 + 10 * MIN })
    vi.advanceTimersByTime(MIN)
    t.clock.shift = -15 * MIN
    vi.advanceTimersByTime(9 * MIN)
    expect(kinds(t)).toEqual(['snooze-ended'])
    t.stop()
  })
})

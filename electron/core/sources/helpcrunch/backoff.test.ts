import { describe, expect, it } from 'vitest'
import { Backoff, planForFailure } from './backoff'
import { HelpCrunchError } from './errors'

describe('Backoff', () => {
  it('grows exponentially with jitter in [d/2, d], capped, and resets', () => {
    const low = new Backoff(2_000, 60_000, () => 0)
    const high = new Backoff(2_000, 60_000, () => 0.999999)
    const lows = Array.from({ length: 7 }, () => low.next())
    const highs = Array.from({ length: 7 }, () => high.next())
    expect(lows).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000])
    expect(highs).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000])
    low.reset()
    expect(low.next()).toBe(1_000)
  })

  it('uses Retry-After when the server sent one', () => {
    expect(new Backoff().next(12_000)).toBe(12_000)
  })
})

describe('planForFailure', () => {
  const err = (kind: ConstructorParameters<typeof HelpCrunchError>[0], retryAfterMs: number | null = null) =>
    new HelpCrunchError(kind, kind, { retryAfterMs })
  it('maps failures to statuses and plans', () => {
    expect(planForFailure(err('auth'))).toEqual({ kind: 'stop', state: 'auth-failed', message: 'API key rejected' })
    expect(planForFailure(err('rate-limited', 3_000))).toMatchObject({
      kind: 'retry',
      state: 'rate-limited',
      retryAfterMs: 3_000,
    })
    expect(planForFailure(err('server'))).toMatchObject({ kind: 'retry', state: 'error', backoff: true })
    expect(planForFailure(err('bad-response'))).toMatchObject({ kind: 'retry', state: 'error' })
    expect(planForFailure(err('network'))).toMatchObject({ kind: 'retry', state: 'offline' })
    expect(planForFailure(err('timeout'))).toMatchObject({ kind: 'retry', state: 'offline' })
    expect(planForFailure(new Error('boom'))).toMatchObject({ kind: 'retry', state: 'error', message: 'boom' })
  })
})

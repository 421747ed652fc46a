import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TokenBucket } from './token-bucket'

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

/** Requests `count` tokens of `priority`, recording grant order and times. */
function demand(bucket: TokenBucket, count: number, priority: 'action' | 'poll', grants: { p: string; at: number }[]) {
  for (let i = 0; i < count; i++) void bucket.take(priority).then(() => grants.push({ p: priority, at: Date.now() }))
}

describe('TokenBucket', () => {
  it('never grants more than perMinute in any sliding minute, even under constant demand', async () => {
    const bucket = new TokenBucket(120)
    const grants: { p: string; at: number }[] = []
    demand(bucket, 400, 'poll', grants)
    await vi.advanceTimersByTimeAsync(180_000)
    const times = grants.map((g) => g.at)
    let max = 0
    for (let end = 0, start = 0; end < times.length; end++) {
      while ((times[start] as number) <= (times[end] as number) - 60_000) start++
      max = Math.max(max, end - start + 1)
    }
    expect(max).toBeLessThanOrEqual(120)
    expect(grants.length).toBeGreaterThan(330) // and it still uses nearly all of it
  })

  it('serves queued quick actions before queued polls', async () => {
    const bucket = new TokenBucket(20) // capacity 1: one token now, then one every ~3.2 s
    const grants: { p: string; at: number }[] = []
    demand(bucket, 3, 'poll', grants)
    demand(bucket, 2, 'action', grants)
    await vi.advanceTimersByTimeAsync(20_000)
    expect(grants.map((g) => g.p)).toEqual(['poll', 'action', 'action', 'poll', 'poll'])
  })

  it("gives up on a quick action after its maximum wait with a budget error (its own pacing, not HelpCrunch's 429)", async () => {
    const bucket = new TokenBucket(2)
    await bucket.take('poll')
    const waiting = bucket.take('action', 1_000)
    const result = expect(waiting).rejects.toMatchObject({ name: 'HelpCrunchError', kind: 'budget' })
    await vi.advanceTimersByTimeAsync(1_000)
    await result
    expect(bucket.queued).toBe(0)
  })

  it('pause() holds everything until the pause ends and banks nothing meanwhile', async () => {
    const bucket = new TokenBucket(120)
    bucket.pause(10_000)
    const grants: { p: string; at: number }[] = []
    demand(bucket, 10, 'action', grants)
    await vi.advanceTimersByTimeAsync(9_999)
    expect(grants).toEqual([])
    await vi.advanceTimersByTimeAsync(1_000)
    // ~1.9 tokens/s accrue after the pause ends; a bucket that banked during the pause would burst 6 at once.
    expect(grants.length).toBe(1)
  })

  it('close() rejects queued requests', async () => {
    const bucket = new TokenBucket(1)
    await bucket.take('poll')
    const waiting = bucket.take('poll')
    bucket.close(new Error('stopped'))
    await expect(waiting).rejects.toThrow('stopped')
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { helpCrunchRig } from '../../../../tests/helpers/helpcrunch'

const T0 = 1_700_000_000_000

beforeEach(() => vi.useFakeTimers({ now: T0 }))
afterEach(() => vi.useRealTimers())

describe('HelpCrunch status: when the next try is', () => {
  it('carries retryAt while rate limited (Retry-After) and drops it once polling works again', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.addChat({ status: 'opened' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(rig.adapter.status().retryAt).toBeUndefined()
    rig.fake.faults.config.retryAfterSeconds = 40
    rig.fake.faults.queue.push('rate-limit')
    await vi.advanceTimersByTimeAsync(15_000)
    const limited = rig.adapter.status()
    expect(limited.state).toBe('rate-limited')
    // Retry-After, plus the first token after the pause: when the next request really goes.
    expect(limited.retryAt).toBeGreaterThanOrEqual(limited.at + 40_000)
    expect(limited.retryAt).toBeLessThanOrEqual(limited.at + 42_000)
    const sent = rig.fake.log.length
    await vi.advanceTimersByTimeAsync((limited.retryAt as number) - Date.now() - 1)
    expect(rig.fake.log.length).toBe(sent)
    await vi.advanceTimersByTimeAsync(1)
    expect(rig.fake.log.length).toBe(sent + 1)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(rig.adapter.status()).toMatchObject({ state: 'ok' })
    expect(rig.adapter.status().retryAt).toBeUndefined()
    await rig.adapter.stop()
  })
})

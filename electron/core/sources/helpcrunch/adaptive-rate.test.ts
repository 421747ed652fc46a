import { describe, expect, it } from 'vitest'
import { AdaptiveRate } from './adaptive-rate'
import type { Clock } from './clock'

function manualClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start
  return {
    now: () => now,
    setTimeout: () => null,
    clearTimeout: () => {},
    advance(ms) {
      now += ms
    },
  }
}

describe('AdaptiveRate (AIMD)', () => {
  it('starts at the configured rate and halves on a 429', () => {
    const clock = manualClock()
    const rate = new AdaptiveRate(60, clock)
    expect(rate.current()).toBe(60)
    expect(rate.rateLimited()).toBe(true)
    expect(rate.state()).toEqual({ requestsPerMinute: 30, configuredPerMinute: 60 })
  })

  it('429s within 10 s of a decrease count once (requests that were already in flight)', () => {
    const clock = manualClock()
    const rate = new AdaptiveRate(60, clock)
    rate.rateLimited()
    clock.advance(9_000)
    expect(rate.rateLimited()).toBe(false)
    expect(rate.current()).toBe(30)
    clock.advance(1_000)
    expect(rate.rateLimited()).toBe(true)
    expect(rate.current()).toBe(15)
  })

  it('never goes below the floor of 6/minute (or the ceiling, if lower)', () => {
    const clock = manualClock()
    const rate = new AdaptiveRate(60, clock)
    for (let i = 0; i < 10; i++) {
      rate.rateLimited()
      clock.advance(10_000)
    }
    expect(rate.current()).toBe(6)
    const tiny = new AdaptiveRate(4, clock)
    tiny.rateLimited()
    expect(tiny.current()).toBe(4)
  })

  it('adds a twentieth of the ceiling back per quiet minute, up to the ceiling', () => {
    const clock = manualClock()
    const rate = new AdaptiveRate(60, clock)
    rate.rateLimited()
    clock.advance(59_999)
    expect(rate.current()).toBe(30)
    clock.advance(1)
    expect(rate.current()).toBe(33)
    clock.advance(5 * 60_000)
    expect(rate.current()).toBe(48)
    clock.advance(60 * 60_000)
    expect(rate.current()).toBe(60)
  })

  it('a new ceiling caps a lowered rate, and a full rate follows it up', () => {
    const clock = manualClock()
    const full = new AdaptiveRate(60, clock)
    full.setCeiling(90)
    expect(full.current()).toBe(90)
    const lowered = new AdaptiveRate(60, clock)
    lowered.rateLimited()
    lowered.setCeiling(100)
    expect(lowered.state()).toEqual({ requestsPerMinute: 30, configuredPerMinute: 100 })
    lowered.setCeiling(20)
    expect(lowered.state()).toEqual({ requestsPerMinute: 20, configuredPerMinute: 20 })
  })
})

import { describe, expect, it } from 'vitest'
import { type FanOutHistogram, fanOutBetween } from './hub-metrics'

const histogram = (buckets: [number, number][], sum: number, count: number): FanOutHistogram => ({
  buckets: new Map(buckets),
  sum,
  count,
})

describe('the hub-side fan-out figure', () => {
  it('takes what happened between two scrapes: the mean and the smallest bucket holding 99%', () => {
    const warm = histogram(
      [
        [0.001, 5],
        [0.01, 5],
        [Number.POSITIVE_INFINITY, 5],
      ],
      0.004,
      5,
    )
    // 100 measured: 98 within 1 ms, 2 within 10 ms → 99% needs the 10 ms bucket.
    const after = histogram(
      [
        [0.001, 103],
        [0.01, 105],
        [Number.POSITIVE_INFINITY, 105],
      ],
      0.004 + 0.2,
      105,
    )
    const figure = fanOutBetween(warm, after)
    expect(figure.meanMs).toBeCloseTo(2)
    expect(figure.p99BoundMs).toBe(10)
    expect(() => fanOutBetween(after, after)).toThrow(/no fan-out/)
  })
})

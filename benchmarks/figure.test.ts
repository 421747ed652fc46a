import { describe, expect, it } from 'vitest'
import { median, meetsTarget, parseTarget, percentile } from './figure'
import { renderReport, summarise } from './report'

describe('benchmark figures', () => {
  it.each([
    ['<= 5 ms', 5, true],
    ['<= 5 ms', 5.01, false],
    ['>= 0.5', 0.49, false],
    ['≥ 0.5 of bare node:http', 0.7, true],
    ['< 10 req/min', 10, false],
    ['≤ 25 MB', 24, true],
  ])('"%s" with %d → %s', (target, value, met) => {
    expect(meetsTarget(value, target)).toBe(met)
  })

  it('a target without a comparator is not judged', () => {
    expect(parseTarget('report only')).toBeNull()
    expect(meetsTarget(1, 'report only')).toBeNull()
  })

  it('median and nearest-rank percentiles', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10)
  })

  it('summarises repetitions by figure name with the median, and renders a table row per figure', () => {
    const run = (v: number) => [{ name: 'p99', value: v, unit: 'ms', target: '<= 5 ms' }]
    const [summary] = summarise('webhooks', [run(3), run(9), run(4)])
    expect(summary).toMatchObject({ median: 4, values: [3, 9, 4], met: true })
    const report = renderReport(summarise('webhooks', [run(3), run(9), run(4)]), 3, 'npm run bench')
    expect(report).toContain('| webhooks | p99 | 4 ms | 3–9 | <= 5 ms | yes |')
    expect(report).toContain(`Node ${process.version}`)
  })
})

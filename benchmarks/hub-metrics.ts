/**
 * The hub's own view of a fan-out, from its Prometheus metrics: the `chat_tray_hub_fanout_seconds` histogram
 * scraped before and after the measured changes, so the warm-up is left out. Buckets give an upper bound, not a
 * point: the figure is the smallest bucket bound that holds 99% of the measured fan-outs.
 */

/** Cumulative bucket counts by upper bound (seconds), with the sum and the count. */
export interface FanOutHistogram {
  buckets: Map<number, number>
  sum: number
  count: number
}

/** Scrapes `${base}/metrics` with `token` and reads the fan-out histogram. */
export async function scrapeFanOut(base: string, token: string): Promise<FanOutHistogram> {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })
  if (response.status !== 200) throw new Error(`bench: /metrics answered ${response.status}`)
  const text = await response.text()
  const buckets = new Map<number, number>()
  let sum = 0
  let count = 0
  for (const line of text.split('\n')) {
    const bucket = /^chat_tray_hub_fanout_seconds_bucket\{le="([^"]+)"\} (\S+)$/.exec(line)
    if (bucket) buckets.set(bucket[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(bucket[1]), Number(bucket[2]))
    else if (line.startsWith('chat_tray_hub_fanout_seconds_sum ')) sum = Number(line.split(' ')[1])
    else if (line.startsWith('chat_tray_hub_fanout_seconds_count ')) count = Number(line.split(' ')[1])
  }
  return { buckets, sum, count }
}

/** What happened between two scrapes: the mean fan-out and the p99 bucket bound, in ms. */
export function fanOutBetween(before: FanOutHistogram, after: FanOutHistogram): { meanMs: number; p99BoundMs: number } {
  const count = after.count - before.count
  if (count <= 0) throw new Error('bench: no fan-out was timed between the scrapes')
  let p99 = Number.POSITIVE_INFINITY
  for (const [bound, total] of [...after.buckets].sort(([a], [b]) => a - b))
    if (total - (before.buckets.get(bound) ?? 0) >= 0.99 * count) {
      p99 = bound
      break
    }
  return { meanMs: ((after.sum - before.sum) / count) * 1000, p99BoundMs: p99 * 1000 }
}

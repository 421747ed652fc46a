/**
 * Webhook listener speed (issue 3): throughput of signed, valid DeskDirector deliveries (one new session each,
 * keep-alive) against a bare node:http server answering 204 in the same run, and the latency from a request
 * reaching the listener to the engine's `chat.added` event at a steady 200 deliveries/s.
 * Each server runs in its own process (`webhooks-server.ts`); autocannon drives it from this one.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import autocannon, { type AutocannonRequest } from 'autocannon'
import { type BenchFigure, percentile } from './figure'
import { BENCH_SECRET } from './webhooks-server'

const THROUGHPUT_SECONDS = 4
/** Both servers get the same load for this long first (JIT warm-up), then are measured. */
const WARMUP_SECONDS = 1
const LATENCY_SECONDS = 6
const RATE = 200
const PRECOMPUTED = 150_000

/** Signed one-session deliveries, each a new session (a real add), precomputed so the client stays cheap. */
const deliveries = Array.from({ length: PRECOMPUTED }, (_, n) => {
  const at = new Date(1_700_000_000_000 + n * 1000).toISOString()
  const body = `[{"id":"bench-${n}","name":"Chat Request from Ana at Acme","type":"request","status":"created","creator":{"entityId":1,"name":"Ana","userId":"acme~c~1","company":{"entityId":2,"name":"Acme"}},"users":[],"participants":[],"createdDateTime":"${at}","lastModifiedDateTime":"${at}"}]`
  const headers = {
    'content-type': 'application/json',
    'x-dd-signature': `sha256=${createHmac('sha256', BENCH_SECRET).update(body).digest('hex')}`,
    'x-bench-id': `bench-${n}`,
  }
  return { body, headers }
})

let next = 0
function nextDelivery(request: AutocannonRequest): AutocannonRequest {
  const delivery = deliveries[next++ % PRECOMPUTED] as (typeof deliveries)[number]
  return { ...request, method: 'POST', path: '/webhooks/deskdirector', ...delivery }
}

interface ServerProcess {
  url: string
  report(): Promise<number[]>
}

async function startServer(mode: 'bare' | 'listener' | 'latency'): Promise<ServerProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'webhooks-server.ts'), mode],
    { stdio: 'pipe' },
  )
  child.stderr.pipe(process.stderr)
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const first = await lines.next()
  const { url } = JSON.parse(String(first.value)) as { url: string }
  return {
    url,
    async report() {
      child.stdin.write('report\n')
      const line = await lines.next()
      return (JSON.parse(String(line.value)) as { latencies: number[] }).latencies
    },
  }
}

/** Requests per second on 10 keep-alive connections (pipelining 1), after a warm-up with the same settings. */
async function throughput(url: string): Promise<number> {
  const load = (duration: number) =>
    autocannon({ url, connections: 10, pipelining: 1, duration, requests: [{ setupRequest: nextDelivery }] })
  await load(WARMUP_SECONDS)
  const result = await load(THROUGHPUT_SECONDS)
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return result.requests.average
}

const round = (n: number, digits: number) => Number(n.toFixed(digits))

/** Runs the benchmark. */
export async function run(): Promise<BenchFigure[]> {
  const bare = await startServer('bare')
  const bareRate = await throughput(bare.url)
  await bare.report()
  const busy = await startServer('listener')
  const listenerRate = await throughput(busy.url)
  await busy.report()

  const steady = await startServer('latency')
  await autocannon({
    url: steady.url,
    connections: 4,
    overallRate: RATE,
    duration: WARMUP_SECONDS + LATENCY_SECONDS,
    requests: [{ setupRequest: nextDelivery }],
  })
  // The warm-up's deliveries are the first ones timed; they are left out like the throughput warm-up.
  const latencies = (await steady.report()).slice(RATE * WARMUP_SECONDS)
  return [
    { name: 'bare node:http 204 throughput', value: round(bareRate, 0), unit: 'req/s', target: '—' },
    {
      name: 'signed DeskDirector delivery throughput',
      value: round(listenerRate, 0),
      unit: 'req/s',
      target: '—',
    },
    {
      name: 'throughput ratio (listener / bare)',
      value: round(listenerRate / bareRate, 2),
      unit: 'x',
      target: '>= 0.5',
    },
    {
      name: `received -> chat.added p50 @${RATE}/s`,
      value: round(percentile(latencies, 50), 3),
      unit: 'ms',
      target: '—',
    },
    {
      name: `received -> chat.added p99 @${RATE}/s`,
      value: round(percentile(latencies, 99), 3),
      unit: 'ms',
      target: '< 5 ms',
    },
    {
      name: 'latency samples',
      value: latencies.length,
      unit: 'deliveries',
      target: `>= ${RATE * LATENCY_SECONDS * 0.95}`,
    },
  ]
}

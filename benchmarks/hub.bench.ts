/**
 * The team hub at team scale, as processes: one hub (`electron/hosts/hub.ts`), a few client processes with
 * raw SSE connections (benchmarks/hub-clients.ts). Figures: delivery latency of one change fanned out to 1,000
 * streams (webhook in → event out at every stream, wall clock; after a few unmeasured warm-up changes), the
 * hub's memory per idle stream, and the hub's HelpCrunch requests/minute with 1 and with 50 streams connected
 * (the fake HelpCrunch, 5 s polls), and how long the hub's event loop stalls when 300 streams take a snapshot at
 * once (benchmarks/hub-burst.ts), the claim round trip and presence traffic (benchmarks/hub-team.ts). The
 * "desktops" are raw streams: apart from claims and presence reports, a desktop adds nothing else to the hub.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFakeHelpCrunch } from '../electron/core/demo/fake-helpcrunch/server'
import { type BenchFigure, percentile } from './figure'
import { snapshotBurst } from './hub-burst'
import { deliver, hubStats, launch, SECRET, startHub, TOKEN } from './hub-procs'
import { teamFigures } from './hub-team'

const HC_KEY = 'bench-hc-key'
const STREAMS = 1_000
const CLIENT_PROCESSES = 2
const CHANGES = 20
/** Changes sent first and not measured: the hub's and clients' code paths get compiled (JIT) on these. */
const WARM_UP = 5
const RATE_WINDOW_MS = 30_000

async function fanOut(dir: string): Promise<BenchFigure[]> {
  const tokens = join(dir, 'tokens.json')
  const { proc, listen: base } = await startHub(tokens, ['--deskdirector-secret', SECRET], ['--expose-gc'])
  await new Promise((r) => setTimeout(r, 500))
  const before = await hubStats(proc)
  const perProcess = STREAMS / CLIENT_PROCESSES
  const clients = Array.from({ length: CLIENT_PROCESSES }, () =>
    launch(['--import', 'tsx', 'benchmarks/hub-clients.ts', base, TOKEN, String(perProcess)]),
  )
  await Promise.all(clients.map((c) => c.next((l) => l.startsWith('{"ready"'), 120_000)))
  await new Promise((r) => setTimeout(r, 1000))
  const idle = await hubStats(proc)
  const latencies: number[] = []
  for (let i = 0; i < WARM_UP + CHANGES; i++) {
    const waits = clients.map((c) => c.next((l) => l.startsWith(`{"event":${i},`)))
    const answer = await deliver(base, i)
    if (answer.status !== 200) throw new Error(`bench: delivery answered ${answer.status}`)
    const lines = await Promise.all(waits)
    if (i < WARM_UP) continue
    for (const line of lines) latencies.push(...(JSON.parse(line) as { latencies: number[] }).latencies)
  }
  for (const c of clients) c.child.kill('SIGKILL')
  proc.child.kill('SIGKILL')
  return [
    {
      name: 'fan-out to 1,000 streams: delivery p50',
      value: percentile(latencies, 50),
      unit: 'ms',
      target: '<= 100 ms',
    },
    {
      name: 'fan-out to 1,000 streams: delivery p99',
      value: percentile(latencies, 99),
      unit: 'ms',
      target: '<= 100 ms',
    },
    {
      name: 'hub memory per idle stream (RSS)',
      value: (idle.rss - before.rss) / 1024 / STREAMS,
      unit: 'KB',
      target: '<= 50 KB',
    },
    {
      name: 'hub heap per idle stream (after GC)',
      value: (idle.heapUsed - before.heapUsed) / 1024 / STREAMS,
      unit: 'KB',
      target: '<= 50 KB',
    },
  ]
}

async function requestRate(dir: string): Promise<BenchFigure[]> {
  const fake = createFakeHelpCrunch({ apiKey: HC_KEY })
  for (let i = 0; i < 50; i++) fake.db.addChat({ status: i % 2 ? 'opened' : 'new' })
  const apiUrl = await fake.listen()
  const tokens = join(dir, 'tokens.json')
  const { proc, listen } = await startHub(tokens, [
    '--helpcrunch-url',
    apiUrl,
    '--helpcrunch-key',
    HC_KEY,
    '--poll-seconds',
    '5',
  ])
  await proc.next((l) => l.includes('"source":"helpcrunch","state":"ok"'))
  const perMinute = async (streams: number) => {
    const clients = launch(['--import', 'tsx', 'benchmarks/hub-clients.ts', listen, TOKEN, String(streams)])
    await clients.next((l) => l.startsWith('{"ready"'))
    const from = Date.now()
    await new Promise((r) => setTimeout(r, RATE_WINDOW_MS))
    const count = fake.log.filter((e) => e.at >= from).length
    clients.child.kill('SIGKILL')
    return (count * 60_000) / RATE_WINDOW_MS
  }
  const one = await perMinute(1)
  const fifty = await perMinute(50)
  proc.child.kill('SIGKILL')
  await fake.close()
  return [
    { name: 'HelpCrunch requests/minute, 1 desktop', value: one, unit: 'req/min', target: 'the same with 50' },
    {
      name: 'HelpCrunch requests/minute, 50 desktops',
      value: fifty,
      unit: 'req/min',
      target: `<= ${Math.ceil(one * 1.15)}`,
    },
  ]
}

/** One repetition of every hub figure. */
export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-hub-bench-'))
  try {
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify([{ token: TOKEN, agent: 'Bench', me: {} }]))
    return [
      ...(await fanOut(dir)),
      ...(await teamFigures(dir)),
      ...(await snapshotBurst(dir)),
      ...(await requestRate(dir)),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Two hubs on one Redis (`--redis`, docs/scaling.md), as processes, with a real redis-server (AOF on): one change
 * fanned out to 1,000 streams across both hubs (500 each; deliveries alternate between the hubs; webhook in →
 * event out at every stream, wall clock), the failover time from a SIGKILL of the leader (HelpCrunch poller) to the
 * next polled change at the other hub's streams (lease `CHAT_TRAY_HUB_LEASE_MS` 3000, HelpCrunch polled every 5 s),
 * changes lost across the failover (deliveries to the survivor during and after it, counted at its 500 streams),
 * and Redis's memory (INFO memory `used_memory`) for 10,000 logged changes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { createFakeHelpCrunch } from '../electron/core/demo/fake-helpcrunch/server'
import { startRedis } from '../tests/helpers/redis'
import { type BenchFigure, percentile } from './figure'
import { deliver, deliverSessions, launch, SECRET, startHub, TOKEN } from './hub-procs'

const HC_KEY = 'bench-hc-key'
const STREAMS_PER_HUB = 500
const CHANGES = 20
const WARM_UP = 5
const LEASE_MS = 3_000
const LOGGED = 10_000

async function role(url: string): Promise<string | undefined> {
  const health = (await (await fetch(`${url}/health`)).json()) as { hub?: { cluster?: { role: string } } }
  return health.hub?.cluster?.role
}

async function until(test: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await test())) {
    if (Date.now() > end) throw new Error('bench: timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Redis's `used_memory` in bytes. */
async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory')
  return Number(/used_memory:(\d+)/.exec(info)?.[1])
}

/** One repetition of the cluster figures. */
export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-hub-cluster-bench-'))
  const redis = await startRedis(dir)
  const fake = createFakeHelpCrunch({ apiKey: HC_KEY })
  const kill: (() => void)[] = []
  try {
    const tokens = join(dir, 'tokens.json')
    writeFileSync(tokens, JSON.stringify([{ token: TOKEN, agent: 'Bench', me: {} }]))
    const apiUrl = await fake.listen()
    const args = ['--deskdirector-secret', SECRET, '--helpcrunch-url', apiUrl, '--helpcrunch-key', HC_KEY]
    const env = { CHAT_TRAY_REDIS_URL: redis.url, CHAT_TRAY_HUB_LEASE_MS: String(LEASE_MS) }
    const a = await startHub(tokens, [...args, '--state-dir', join(dir, 'a'), '--poll-seconds', '5'], [], env)
    kill.push(() => a.proc.child.kill('SIGKILL'))
    await until(async () => (await role(a.listen)) === 'leader')
    const b = await startHub(tokens, [...args, '--state-dir', join(dir, 'b'), '--poll-seconds', '5'], [], env)
    kill.push(() => b.proc.child.kill('SIGKILL'))
    const clients = [a.listen, b.listen].map((url) =>
      launch(['--import', 'tsx', 'benchmarks/hub-clients.ts', url, TOKEN, String(STREAMS_PER_HUB)]),
    )
    for (const c of clients) kill.push(() => c.child.kill('SIGKILL'))
    await Promise.all(clients.map((c) => c.next((l) => l.startsWith('{"ready"'), 120_000)))
    await new Promise((r) => setTimeout(r, 1000))

    // Fan-out across both hubs: each change reaches the 500 streams of each hub through Redis.
    const latencies: number[] = []
    for (let i = 0; i < WARM_UP + CHANGES; i++) {
      const waits = clients.map((c) => c.next((l) => l.startsWith(`{"event":${i},`)))
      const answer = await deliver(i % 2 ? b.listen : a.listen, i)
      if (answer.status !== 200) throw new Error(`bench: delivery answered ${answer.status}`)
      const lines = await Promise.all(waits)
      if (i < WARM_UP) continue
      for (const line of lines) latencies.push(...(JSON.parse(line) as { latencies: number[] }).latencies)
    }

    // Failover: the leader dies; a chat opens at HelpCrunch at that moment; the survivor's streams see it when
    // the survivor has taken the lease and polled. Deliveries to the survivor meanwhile must all arrive.
    const survivorStreams = clients[1] as (typeof clients)[number]
    const killedAt = performance.now()
    a.proc.child.kill('SIGKILL')
    fake.db.addChat({ status: 'new' })
    const expected: number[] = []
    const during = (async () => {
      for (let i = 100; i < 110; i++) {
        expected.push(i)
        const waits = survivorStreams.next((l) => l.startsWith(`{"event":${i},`), 30_000).catch(() => null)
        await deliver(b.listen, i)
        await waits
      }
    })()
    const helpcrunchSeen = b.proc.next((l) => l.includes('"type":"chat.added"') && l.includes('"helpcrunch:'), 60_000)
    await helpcrunchSeen
    const failoverMs = performance.now() - killedAt
    await during
    const arrived = expected.filter((i) => survivorStreams.lines.some((l) => l.startsWith(`{"event":${i},`))).length
    for (const c of clients) c.child.kill('SIGKILL')

    // Redis memory for 10,000 logged changes (through the survivor, 100 sessions per delivery).
    const probe = new Redis(redis.url)
    await probe.del('chat-tray:events')
    const before = await usedMemory(probe)
    for (let d = 0; d < LOGGED / 100; d++) {
      const sessions = Array.from({ length: 100 }, (_, i) => ({
        id: `MEM-${d}-${i}`,
        name: `Chat Request from Customer ${d}-${i} at Acme`,
        type: 'request',
        status: 'created',
        creator: { entityId: 1, name: `Customer ${i}`, userId: 'x~c~1', company: { name: 'Acme' } },
        users: [],
        createdDateTime: new Date().toISOString(),
        lastModifiedDateTime: new Date().toISOString(),
      }))
      await deliverSessions(b.listen, sessions)
    }
    await until(async () => (await probe.xlen('chat-tray:events')) >= LOGGED - 100, 120_000)
    const logged = await probe.xlen('chat-tray:events')
    const memory = (await usedMemory(probe)) - before
    probe.disconnect()
    return [
      {
        name: 'cluster fan-out to 1,000 streams on two hubs: delivery p50',
        value: percentile(latencies, 50),
        unit: 'ms',
        target: '<= 100 ms',
      },
      {
        name: 'cluster fan-out to 1,000 streams on two hubs: delivery p99',
        value: percentile(latencies, 99),
        unit: 'ms',
        target: '<= 100 ms',
      },
      {
        name: `failover: leader SIGKILL → next polled change at the surviving hub (lease ${LEASE_MS} ms)`,
        value: failoverMs / 1000,
        unit: 's',
        target: '<= 5 s',
      },
      { name: 'failover: changes lost at the survivor', value: expected.length - arrived, unit: '', target: '<= 0' },
      {
        // MAXLEN ~ trims approximately, so the log holds about LOGGED entries: scaled to exactly that many.
        name: `Redis memory per ${LOGGED.toLocaleString('en-US')} logged changes (INFO used_memory)`,
        value: ((memory / logged) * LOGGED) / 1024 / 1024,
        unit: 'MB',
        target: '<= 100 MB',
      },
    ]
  } finally {
    for (const k of kill) k()
    await fake.close()
    await redis.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

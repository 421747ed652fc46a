/**
 * The team layer at team scale (docs/team.md): the round trip of `chat.claim` (two agents racing for each chat,
 * POST to answer, wall clock) while 1,000 streams are connected and every claim is fanned out to them; and the
 * presence traffic of one desktop per minute: its `presence.report`s at the hub's heartbeat (bytes on the wire,
 * HTTP included, counted by a relay in between) plus the `team.presence` bytes a stream receives while the team
 * only heartbeats.
 */
import { writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { type AddressInfo, connect, createServer } from 'node:net'
import { join } from 'node:path'
import { hubCommand } from '../electron/hub/client/commands-client'
import type { PresenceReport } from '../shared/protocol/team'
import { type BenchFigure, percentile } from './figure'
import { deliverSessions, launch, SECRET, startHub, TOKEN } from './hub-procs'

const STREAMS = 1_000
const CLIENT_PROCESSES = 2
const CLAIMS = 200
const WARM_UP = 5
const DESKTOPS = 20
const RACERS = [
  { token: 'bench-mia-0123456789abcdef', agent: 'Mia' },
  { token: 'bench-leo-0123456789abcdef', agent: 'Leo' },
]
const desks = Array.from({ length: DESKTOPS }, (_, i) => ({
  token: `bench-desk-${i}-0123456789abcdef`,
  agent: `Desk ${i}`,
}))
const REPORT: PresenceReport = { online: true, dndUntil: null, onShift: true, activity: 'active', openChat: null }

/** A TCP relay to `target` that counts the bytes each way. */
async function countingRelay(target: URL) {
  const bytes = { up: 0, down: 0 }
  const server = createServer((socket) => {
    const upstream = connect(Number(target.port), target.hostname)
    socket.on('data', (c) => {
      bytes.up += c.length
    })
    upstream.on('data', (c) => {
      bytes.down += c.length
    })
    socket.pipe(upstream).pipe(socket)
    socket.on('error', () => upstream.destroy())
    upstream.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, bytes, close: () => server.close() }
}

/** One raw stream that counts the bytes of `team.presence` frames it receives. */
function presenceListener(base: string, token: string) {
  const counted = { bytes: 0, live: false }
  const target = new URL(base)
  const req = request({
    host: target.hostname,
    port: target.port,
    path: '/v1/stream',
    headers: { authorization: `Bearer ${token}` },
  })
  let buffer = ''
  req.on('response', (res) => {
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      buffer += chunk
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        const frame = buffer.slice(0, end + 2)
        buffer = buffer.slice(end + 2)
        if (frame.startsWith('event: team.presence\n')) {
          if (counted.live) counted.bytes += Buffer.byteLength(frame)
          else counted.live = true // the whole-team frame on connect is not steady-state traffic
        }
        end = buffer.indexOf('\n\n')
      }
    })
  })
  req.end()
  return { counted, close: () => req.destroy() }
}

/** Claim round trip with 1,000 streams, and presence bytes per desktop per minute. */
export async function teamFigures(dir: string): Promise<BenchFigure[]> {
  const tokens = join(dir, 'team-tokens.json')
  writeFileSync(tokens, JSON.stringify([{ token: TOKEN, agent: 'Bench', tier: 'lead' }, ...RACERS, ...desks]))
  const { proc, listen: base } = await startHub(tokens, ['--deskdirector-secret', SECRET], [], {
    CHAT_TRAY_HUB_COMMANDS_PER_MINUTE: '100000',
    CHAT_TRAY_HUB_COMMAND_CONCURRENCY: '1000',
  })
  const clients = Array.from({ length: CLIENT_PROCESSES }, () =>
    launch(['--import', 'tsx', 'benchmarks/hub-clients.ts', base, TOKEN, String(STREAMS / CLIENT_PROCESSES)]),
  )
  try {
    await Promise.all(clients.map((c) => c.next((l) => l.startsWith('{"ready"'), 120_000)))
    const sessions = Array.from({ length: WARM_UP + CLAIMS }, (_, i) => ({
      id: `CLAIM-${i}`,
      name: `Claim bench ${i}`,
      type: 'request',
      status: 'created',
      creator: { entityId: 1, name: 'Bench', userId: 'x~c~1', company: { name: 'Acme' } },
      users: [],
      createdDateTime: new Date().toISOString(),
      lastModifiedDateTime: new Date().toISOString(),
    }))
    const answer = await deliverSessions(base, sessions)
    if (answer.status !== 200) throw new Error(`bench: delivery answered ${answer.status}`)
    await new Promise((r) => setTimeout(r, 1000))
    const latencies: number[] = []
    let wins = 0
    for (let i = 0; i < WARM_UP + CLAIMS; i++) {
      const timed = RACERS.map(async (racer) => {
        const from = performance.now()
        const ok = await hubCommand({ url: base, token: racer.token, fetch }, 'chat.claim', {
          key: `deskdirector:CLAIM-${i}`,
          version: Number.MAX_SAFE_INTEGER,
        }).then(
          () => true,
          (error: { code?: string }) => {
            if (error.code !== 'conflict') throw error
            return false
          },
        )
        return { ms: performance.now() - from, ok }
      })
      const results = await Promise.all(timed)
      if (results.filter((r) => r.ok).length !== 1) throw new Error(`bench: claim ${i} did not have exactly one winner`)
      if (i < WARM_UP) continue
      wins++
      latencies.push(...results.map((r) => r.ms))
    }

    // Presence: every desktop reports one minute's worth (60 s / heartbeat), through the counting relay.
    const relay = await countingRelay(new URL(base))
    const listener = presenceListener(base, TOKEN)
    while (!listener.counted.live) await new Promise((r) => setTimeout(r, 50))
    let heartbeatMs = 0
    const report = async (token: string) => {
      const answer = await hubCommand({ url: relay.url, token, fetch }, 'presence.report', REPORT)
      heartbeatMs = (answer as { heartbeatMs: number }).heartbeatMs
    }
    for (const desk of desks) await report(desk.token)
    await new Promise((r) => setTimeout(r, 500))
    const firstSeen = listener.counted.bytes
    const uplinkBefore = relay.bytes.up + relay.bytes.down
    // Heartbeats that change nothing: what a minute of a steady team costs, at the heartbeat the hub asks for.
    const BEATS = 3
    for (let beat = 0; beat < BEATS; beat++) for (const desk of desks) await report(desk.token)
    await new Promise((r) => setTimeout(r, 500))
    const perMinute = 60_000 / heartbeatMs
    const reportBytes = ((relay.bytes.up + relay.bytes.down - uplinkBefore) / DESKTOPS / BEATS) * perMinute
    const steadyFanOut = ((listener.counted.bytes - firstSeen) / BEATS) * perMinute
    listener.close()
    relay.close()
    return [
      {
        name: `claim round trip with ${STREAMS} streams: p50`,
        value: percentile(latencies, 50),
        unit: 'ms',
        target: '<= 100 ms',
      },
      {
        name: `claim round trip with ${STREAMS} streams: p99`,
        value: percentile(latencies, 99),
        unit: 'ms',
        target: '<= 100 ms',
      },
      { name: 'claims with exactly one winner', value: wins, unit: 'claims', target: `>= ${CLAIMS}` },
      {
        name: 'presence traffic per desktop per minute (reports + fan-out)',
        value: (reportBytes + steadyFanOut) / 1024,
        unit: 'KB',
        target: '<= 1 KB',
      },
      {
        name: 'presence change fanned out to each desktop (one agent)',
        value: firstSeen / DESKTOPS,
        unit: 'bytes',
        target: 'per change',
      },
    ]
  } finally {
    for (const c of clients) c.child.kill('SIGKILL')
    proc.child.kill('SIGKILL')
  }
}

/**
 * 300 desktops reconnecting at once (a hub restart, a network blip): each stream takes a snapshot of 2,000
 * chats. Figures: the hub's longest event-loop delay and its CPU time meanwhile (measured inside it,
 * benchmarks/loop-delay.mjs), and the longest wait of a probe asking `/health` back to back (what a webhook sender would see): while the loop
 * is blocked, no webhook is answered and no change reaches anyone.
 */
import { request } from 'node:http'
import { join } from 'node:path'
import type { BenchFigure } from './figure'
import { deliverSessions, launch, SECRET, startHub, TOKEN } from './hub-procs'

const STREAMS = 300
const CHATS = 2_000

function session(index: number) {
  const at = new Date().toISOString()
  return {
    id: `BURST-${index}`,
    name: `Chat Request from Customer ${index} at Acme: ${'printer on floor 3 offline again; '.repeat(12)}`,
    type: 'request',
    status: 'created',
    creator: { entityId: index, name: `Customer ${index}`, userId: `x~c~${index}`, company: { name: 'Acme' } },
    users: [],
    createdDateTime: at,
    lastModifiedDateTime: at,
  }
}

/** Asks `/health` over one keep-alive connection, back to back, until stopped; resolves with the longest wait. */
function probe(base: string): { stop(): Promise<number> } {
  const target = new URL(base)
  let running = true
  let longest = 0
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now()
      const req = request({ host: target.hostname, port: target.port, path: '/health' }, (res) => {
        res.resume()
        res.on('end', () => {
          longest = Math.max(longest, performance.now() - started)
          resolve()
        })
      })
      req.on('error', reject)
      req.end()
    })
  const done = (async () => {
    while (running) await once()
  })()
  return {
    async stop() {
      running = false
      await done
      return longest
    },
  }
}

/** One repetition of the burst figures. */
export async function snapshotBurst(dir: string): Promise<BenchFigure[]> {
  const { proc, listen } = await startHub(
    join(dir, 'tokens.json'),
    ['--deskdirector-secret', SECRET],
    ['--import', './benchmarks/loop-delay.mjs'],
  )
  const loopDelay = async () => {
    const line = proc.errors.next((l) => l.startsWith('bench-loop-delay '))
    proc.child.kill('SIGUSR2')
    return JSON.parse((await line).slice('bench-loop-delay '.length)) as { maxMs: number; cpuMs: number }
  }
  try {
    for (let i = 0; i < CHATS; i += 100) {
      const answer = await deliverSessions(
        listen,
        Array.from({ length: 100 }, (_, j) => session(i + j)),
      )
      if (answer.status !== 200) throw new Error(`bench: delivery answered ${answer.status}`)
    }
    await new Promise((r) => setTimeout(r, 500))
    const idle = await probe(listen).stop()
    await loopDelay()
    const watch = probe(listen)
    const started = performance.now()
    const clients = launch(['--import', 'tsx', 'benchmarks/hub-clients.ts', listen, TOKEN, String(STREAMS)])
    await clients.next((l) => l.startsWith('{"ready"'), 180_000)
    const allHaveIt = performance.now() - started
    const stall = await watch.stop()
    const blocked = await loopDelay()
    clients.child.kill('SIGKILL')
    return [
      {
        name: `${STREAMS} streams take a ${CHATS.toLocaleString('en')}-chat snapshot at once: longest event-loop delay`,
        value: blocked.maxMs,
        unit: 'ms',
        target: '<= 250 ms',
      },
      {
        name: `${STREAMS} streams take a ${CHATS.toLocaleString('en')}-chat snapshot at once: hub CPU time`,
        value: blocked.cpuMs,
        unit: 'ms',
        // Mostly the kernel copying 300 snapshots into sockets: a figure to compare builds, not a target.
        target: '—',
      },
      {
        name: `${STREAMS} streams take a ${CHATS.toLocaleString('en')}-chat snapshot at once: longest /health wait`,
        value: stall,
        unit: 'ms',
        target: '<= 250 ms',
      },
      {
        name: `${STREAMS} streams take a ${CHATS.toLocaleString('en')}-chat snapshot at once: all have it`,
        value: allHaveIt,
        unit: 'ms',
        // Bound by the one client process reading 300 snapshots, not by the hub.
        target: '—',
      },
      { name: '/health wait when idle (for comparison)', value: idle, unit: 'ms', target: '—' },
    ]
  } finally {
    proc.child.kill('SIGKILL')
  }
}

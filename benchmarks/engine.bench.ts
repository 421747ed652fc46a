/**
 * Store + alert policy throughput: apply a 10,000-chat snapshot (as a first sync would), then 10,000
 * single changes (new versions of random chats: messages, takes, closes, re-opens), and measure the
 * heap the 10,000 chats hold. In-memory state (no state dir): disk fsync cost is not the engine's.
 */
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Chat, UnifiedState } from '../shared/chat'
import { buildAlerting } from '../tests/helpers/alerting'
import { makeChat } from '../tests/helpers/chats'
import { type BenchFigure, percentile } from './figure'

const CHATS = 10_000
const CHANGES = 10_000
const STATES: UnifiedState[] = ['waiting', 'waiting', 'waiting', 'waiting', 'active', 'missed', 'callback', 'closed']

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function chatAt(i: number, version: number, state: UnifiedState): Chat {
  return makeChat({
    source: i % 2 ? 'helpcrunch' : 'deskdirector',
    sourceId: `c${i}`,
    state,
    rawStatus: state,
    createdAt: version,
    updatedAt: version,
    lastMessageText: `message ${version}`,
  })
}

/** A first sync: newest first, created over the last 8 hours. */
function firstSync(base: number): Chat[] {
  return Array.from({ length: CHATS }, (_, i) => chatAt(i, base - i * 2_880, STATES[i % STATES.length] as UnifiedState))
}

/** One repetition (after two unmeasured warm-up snapshots, so the figure is not JIT compile time). */
export async function run(): Promise<BenchFigure[]> {
  const base = Date.now()
  for (let i = 0; i < 2; i++) {
    const warm = buildAlerting()
    warm.engine.store.applyMany(firstSync(base))
    warm.stop()
  }
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  const snapshot = firstSync(base)
  const t = buildAlerting()
  const start = performance.now()
  t.engine.store.applyMany(snapshot)
  const snapshotMs = performance.now() - start
  snapshot.length = 0
  gc()
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576

  let seed = 42
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  const times: number[] = []
  for (let n = 0; n < CHANGES; n++) {
    const i = Math.floor(random() * CHATS)
    const current = t.engine.store.get(`${i % 2 ? 'helpcrunch' : 'deskdirector'}:c${i}`)
    const version = (current?.updatedAt ?? base) + 1
    const next = chatAt(i, version, STATES[Math.floor(random() * STATES.length)] as UnifiedState)
    const begin = performance.now()
    t.engine.store.apply(next)
    times.push(performance.now() - begin)
  }
  t.stop()
  return [
    { name: 'snapshot of 10,000 chats (store + alert policy)', value: snapshotMs, unit: 'ms', target: '<= 20 ms' },
    { name: 'single change p50', value: percentile(times, 50), unit: 'ms', target: '<= 0.1 ms' },
    { name: 'single change p99', value: percentile(times, 99), unit: 'ms', target: '<= 0.1 ms' },
    { name: 'heap held by 10,000 chats', value: heapMb, unit: 'MB', target: '<= 25 MB' },
  ]
}

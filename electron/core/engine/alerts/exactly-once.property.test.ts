import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Chat, UnifiedState } from '../../../../shared/chat'
import { buildAlerting } from '../../../../tests/helpers/alerting'
import { makeChat } from '../../../../tests/helpers/chats'

const T0 = new Date(2026, 0, 5, 10, 0).getTime()
const STATES: UnifiedState[] = ['waiting', 'active', 'missed', 'callback', 'closed']

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => vi.useRealTimers())

/** Versions of a few chats, each a state at a strictly increasing version. */
const histories = fc.array(fc.array(fc.constantFrom(...STATES), { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 5,
})

describe('exactly once (property)', () => {
  it('any order, any duplicates, a restart anywhere: no alert id is ever emitted twice', () => {
    fc.assert(
      fc.property(histories, fc.infiniteStream(fc.nat()), fc.nat(), (chats, noise, cut) => {
        const versions: Chat[] = chats.flatMap((states, c) =>
          states.map((state, v) => makeChat({ sourceId: `p${c}`, state, createdAt: T0, updatedAt: T0 + v })),
        )
        const it = noise[Symbol.iterator]()
        const next = () => it.next().value as number
        // Shuffle and duplicate: every version once or twice, in any order.
        const deliveries = versions.flatMap((v) => (next() % 2 ? [v, v] : [v])).sort(() => (next() % 3) - 1)
        const split = cut % (deliveries.length + 1)
        const dir = mkdtempSync(join(tmpdir(), 'chat-tray-prop-'))
        try {
          const first = buildAlerting({ settings: { alerts: { batchWindowMs: 0 } }, stateDir: dir })
          for (const d of deliveries.slice(0, split)) first.engine.store.apply(d)
          const second = buildAlerting({ settings: { alerts: { batchWindowMs: 0 } }, stateDir: dir }) // crash: no stop
          for (const d of deliveries) second.engine.store.apply(d) // the source replays everything
          const ids = [...first.alerts, ...second.alerts].map((a) => a.id)
          expect(new Set(ids).size).toBe(ids.length)
          first.stop()
          second.stop()
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      }),
      { numRuns: 60 },
    )
  })
})

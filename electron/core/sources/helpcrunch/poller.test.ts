import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProtocolEvent } from '../../../../shared/protocol'
import { helpCrunchRig } from '../../../../tests/helpers/helpcrunch'
import { memoryCell } from '../../engine/persistence/cell'

const T0 = 1_700_000_000_000
const T0_SECONDS = T0 / 1000

beforeEach(() => vi.useFakeTimers({ now: T0 }))
afterEach(() => vi.useRealTimers())

const ofType = <K extends ProtocolEvent['type']>(events: ProtocolEvent[], type: K) =>
  events.filter((e): e is Extract<ProtocolEvent, { type: K }> => e.type === type)
const states = (events: ProtocolEvent[]) => ofType(events, 'source.status').map((e) => e.status.state)

describe('HelpCrunch poller', () => {
  it('loads every open chat on the first cycle (closed ones are not announced)', async () => {
    const rig = helpCrunchRig()
    for (const status of ['new', 'opened', 'pending', 'on hold', 'closed', 'no communication'])
      rig.fake.db.addChat({ status })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    const added = ofType(rig.events, 'chat.added').map((e) => e.chat.rawStatus)
    expect(added.sort()).toEqual(['new', 'on hold', 'opened', 'pending'])
    expect(states(rig.events)).toEqual(['polling', 'ok'])
    await rig.adapter.stop()
  })

  it('detects a new chat within one interval', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.addChat({ status: 'opened' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    const chat = rig.fake.db.addChat()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(ofType(rig.events, 'chat.added').map((e) => e.chat.key)).toContain(`helpcrunch:${chat.id}`)
    await rig.adapter.stop()
  })

  it('costs exactly one request in a quiet cycle', async () => {
    const rig = helpCrunchRig()
    for (let i = 0; i < 3; i++) rig.fake.db.addChat({ status: 'opened' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    const before = rig.requests()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.fake.log.slice(before).map((e) => `${e.method} ${e.path}`)).toEqual(['GET /chats'])
    await rig.adapter.stop()
  })

  it('pages newest-first only down to the high-water mark (minus the overlap)', async () => {
    const rig = helpCrunchRig({ tuning: { pageSize: 5, reconcileEveryMs: 3_600_000 } })
    for (let i = 0; i < 10; i++)
      rig.fake.db.addChat({ status: 'opened', lastMessageAt: T0_SECONDS - 3600 - 60 * i, createdAt: T0_SECONDS - 7200 })
    const mark = memoryCell<number | null>(null)
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    const before = rig.requests()
    await vi.advanceTimersByTimeAsync(5_000)
    for (let i = 0; i < 12; i++) rig.fake.db.addChat({ status: 'opened' }) // 12 new messages: 3 pages of 5
    await vi.advanceTimersByTimeAsync(10_000)
    expect(rig.fake.log.slice(before).map((e) => e.path)).toEqual(['/chats', '/chats', '/chats'])
    expect(ofType(rig.events, 'chat.added')).toHaveLength(22)
    expect(mark.get()).toBeNull() // (a separate store instance is untouched)
    await rig.adapter.stop()
  })

  it('keeps its high-water mark in the given store', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.addChat({ status: 'opened', lastMessageAt: T0_SECONDS - 5 })
    const mark = memoryCell<number | null>(null)
    const { HelpCrunchAdapter } = await import('./adapter')
    const adapter = new HelpCrunchAdapter({
      context: rig.engine.contextFor('helpcrunch'),
      settings: rig.settings,
      secrets: { get: () => 'hc_test_key_0123456789', set() {} },
      fetch: rig.fake.fetch,
      highWaterMark: mark,
    })
    await adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(mark.get()).toBe((T0_SECONDS - 5) * 1000)
    await adapter.stop()
  })

  it('the reconcile catches reassigned, closed and deleted chats that carry no new message', async () => {
    const rig = helpCrunchRig({ tuning: { pageSize: 5 } })
    const chats = Array.from({ length: 20 }, (_, i) =>
      rig.fake.db.addChat({
        status: 'opened',
        createdAt: T0_SECONDS - 7200 + i,
        lastMessageAt: T0_SECONDS - 3600 + 60 * i,
      }),
    )
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(ofType(rig.events, 'chat.added')).toHaveLength(20)
    const [reassigned, closed, deleted] = chats as [(typeof chats)[0], (typeof chats)[0], (typeof chats)[0]]
    rig.fake.db.update(reassigned.id, { assignee: 4200 })
    rig.fake.db.close(closed.id)
    rig.fake.db.delete(deleted.id)
    await vi.advanceTimersByTimeAsync(15_000)
    expect(ofType(rig.events, 'chat.changed')).toHaveLength(0) // the incremental alone cannot see these
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    const changed = ofType(rig.events, 'chat.changed')
    expect(changed.find((e) => e.chat.sourceId === String(reassigned.id))?.chat.assignee?.id).toBe('4200')
    expect(changed.find((e) => e.chat.sourceId === String(closed.id))?.chat.state).toBe('closed')
    expect(ofType(rig.events, 'chat.removed')).toEqual([
      expect.objectContaining({ key: `helpcrunch:${deleted.id}`, reason: 'deleted' }),
    ])
    const confirmations = rig.fake.log.filter((e) => /^\/chats\/\d+$/.test(e.path)).map((e) => e.path)
    expect(confirmations.sort()).toEqual([`/chats/${closed.id}`, `/chats/${deleted.id}`].sort())
    await rig.adapter.stop()
  })

  it('stops polling with auth-failed when the key is rejected', async () => {
    const rig = helpCrunchRig({ key: 'wrong-key' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    const after = rig.requests()
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(rig.requests()).toBe(after)
    expect(rig.adapter.status()).toMatchObject({ state: 'auth-failed', message: 'API key rejected' })
  })

  it('backs off on 429 honouring Retry-After, and on 5xx, then recovers to ok', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.addChat({ status: 'opened' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    rig.fake.faults.config.retryAfterSeconds = 40
    rig.fake.faults.queue.push('rate-limit')
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.adapter.status().state).toBe('rate-limited')
    const limitedAt = rig.fake.log.at(-1)?.at ?? 0
    await vi.advanceTimersByTimeAsync(39_000)
    expect(rig.fake.log.at(-1)?.at).toBe(limitedAt)
    rig.fake.faults.queue.push('server-error')
    // Retry-After, then the first token after the pause (at the halved rate, about a second later).
    await vi.advanceTimersByTimeAsync(2_500)
    expect(rig.adapter.status().state).toBe('error')
    await vi.advanceTimersByTimeAsync(5_000)
    expect(rig.adapter.status().state).toBe('ok')
    await rig.adapter.stop()
  })

  it('reports offline on a timeout and polls at once on refresh()', async () => {
    const rig = helpCrunchRig()
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    rig.fake.faults.queue.push('timeout')
    await vi.advanceTimersByTimeAsync(15_000 + 10_000)
    expect(rig.adapter.status().state).toBe('offline')
    const chat = rig.fake.db.addChat()
    const before = rig.requests()
    const refreshed = rig.adapter.refresh()
    await vi.advanceTimersByTimeAsync(0)
    await refreshed
    expect(rig.requests()).toBeGreaterThan(before)
    expect(rig.engine.store.get(`helpcrunch:${chat.id}`)).toBeDefined()
    expect(rig.adapter.status().state).toBe('ok')
    await rig.adapter.stop()
  })

  it('a failing POST /chats/search does not stop new chats from arriving (the sweep fails on its own)', async () => {
    let searches = 0
    const brokenSearch = (inner: typeof fetch): typeof fetch =>
      (async (input, init) => {
        if (!String(input).endsWith('/chats/search')) return inner(input, init)
        searches++
        return new Response('{"errors":[{"code":"internal_error"}]}', { status: 500 })
      }) as typeof fetch
    const rig = helpCrunchRig({ wrapFetch: brokenSearch })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    const chat = rig.fake.db.addChat()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.engine.store.get(`helpcrunch:${chat.id}`)).toBeDefined()
    expect(rig.adapter.status()).toMatchObject({
      state: 'ok',
      warnings: [expect.stringContaining('open-chat sweep failed')],
    })
    // The sweep backs off on its own schedule (up to a minute): far fewer searches than list polls.
    const listsBefore = rig.requests()
    searches = 0
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(rig.requests() - listsBefore).toBeGreaterThan(30)
    expect(searches).toBeLessThan(20)
    const later = rig.fake.db.addChat()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.engine.store.get(`helpcrunch:${later.id}`)).toBeDefined()
    await rig.adapter.stop()
  })

  it('a 429 lowers this desktop’s rate (shown in the status), which recovers while no 429 comes', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.addChat({ id: 700, status: 'new' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(rig.adapter.status().rate).toEqual({ requestsPerMinute: 120, configuredPerMinute: 120 })
    rig.fake.faults.queue.push('rate-limit')
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.adapter.status()).toMatchObject({
      rate: { requestsPerMinute: 60, configuredPerMinute: 120 },
      warnings: [expect.stringContaining('slowed to 60 of 120 requests/minute')],
    })
    // Quick actions hammered for a minute get at most the lowered rate.
    const from = rig.requests()
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 10; j++) void rig.engine.dispatcher.runUntrusted('chat.read', { key: 'helpcrunch:700' })
      await vi.advanceTimersByTimeAsync(5_000)
    }
    expect(rig.requests() - from).toBeLessThanOrEqual(61)
    await vi.advanceTimersByTimeAsync(15 * 60_000)
    expect(rig.adapter.status().rate).toEqual({ requestsPerMinute: 120, configuredPerMinute: 120 })
    expect(rig.adapter.status().warnings).toEqual([])
    await rig.adapter.stop()
  })

  it('sends nothing more once polling is turned off mid-cycle (a hub that lost its lease)', async () => {
    // 60 open chats in pages of 5: loading them is one long cycle, paced by the budget (120/min: one every 500 ms).
    const rig = helpCrunchRig({ tuning: { pageSize: 5 } })
    for (let i = 0; i < 60; i++) rig.fake.db.addChat({ status: 'opened' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(1_200)
    const atStop = rig.requests()
    expect(atStop).toBeGreaterThan(0)
    rig.adapter.setPolling(false)
    await vi.advanceTimersByTimeAsync(60_000)
    // The request already on the wire may finish; no other leaves.
    expect(rig.requests() - atStop).toBeLessThanOrEqual(1)
    rig.adapter.setPolling(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(rig.requests()).toBeGreaterThan(atStop + 1)
    await rig.adapter.stop()
  })
})

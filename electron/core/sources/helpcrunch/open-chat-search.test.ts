/**
 * The open-chat search proven against ground truth, and paging that always ends (docs/helpcrunch.md, "Search
 * status filter" and "Paging"). The fake plays the documented variants: a codes-only server that answers a
 * name with 200 and no rows, a spelling it misreads, a search that ignores the filter or `offset` or lies about
 * `total`, a short page before `total`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { helpCrunchRig } from '../../../../tests/helpers/helpcrunch'

const T0 = Date.parse('2026-03-02T09:00:00Z')
const T0_SECONDS = T0 / 1000
const DAY = 86_400

beforeEach(() => vi.useFakeTimers({ now: T0 }))
afterEach(() => vi.useRealTimers())

/** `count` closed chats, newer than everything else, that fill the first `GET /chats` pages. */
function closedChats(rig: ReturnType<typeof helpCrunchRig>, count: number) {
  for (let i = 0; i < count; i++)
    rig.fake.db.addChat({
      status: 'closed',
      createdAt: T0_SECONDS - 3_600 + i,
      lastMessageAt: T0_SECONDS - 3_600 + i,
      closedAt: T0_SECONDS - 3_000 + i,
    })
}

const warning = (rig: ReturnType<typeof helpCrunchRig>, code: string) =>
  rig.adapter.status().notices?.find((w) => w.code === code)?.message

describe('the open-chat search, proven against ground truth', () => {
  it('codes-only server: yesterday’s waiting chat behind 120 newer ones appears, and the status names the form', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.quirks.searchStatus = 'codes-only' // names are strings too: 200, no rows
    const waiting = rig.fake.db.addChat({
      status: 'new',
      createdAt: T0_SECONDS - DAY,
      lastMessageAt: T0_SECONDS - DAY,
    })
    closedChats(rig, 120)
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.engine.store.get(`helpcrunch:${waiting.id}`)).toMatchObject({ state: 'waiting' })
    const status = rig.adapter.status()
    expect(status.state).toBe('ok')
    expect(status.message).toBe('open chats: numeric status codes ("1"–"4")')
    expect(warning(rig, 'search-form')).toMatch(/status names \("on hold"\): it found no open chat while numeric/)
    await rig.adapter.stop()
  })

  it('a form that misses one status (200, no rows for "on hold") is given up once GET /chats/{id} shows the chat', async () => {
    const rig = helpCrunchRig({ tuning: { reconcileEveryMs: 30_000 } })
    Object.assign(rig.fake.db.quirks, { searchStatus: 'onhold', wrongSpelling: 'no-rows' })
    const onHold = rig.fake.db.addChat({
      status: 'on hold',
      createdAt: T0_SECONDS - 7_200,
      lastMessageAt: T0_SECONDS - 60,
    })
    rig.fake.db.addChat({ status: 'new', createdAt: T0_SECONDS - 3_600, lastMessageAt: T0_SECONDS - 3_600 })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(1_000)
    // Ground truth: the incremental's GET /chats page showed the on-hold chat; the names search did not.
    expect(rig.engine.store.get(`helpcrunch:${onHold.id}`)).toMatchObject({ state: 'on-hold' })
    // A pass judges by chats unchanged for a minute before it began (a search index may lag).
    await vi.advanceTimersByTimeAsync(120_000)
    expect(rig.fake.log.some((e) => e.path === `/chats/${onHold.id}`)).toBe(true)
    expect(rig.adapter.status().message).toBe('open chats: status names ("onhold")')
    expect(warning(rig, 'search-form')).toMatch(/found no chat in the state of chat \d+ is "on hold"/)
    await rig.adapter.stop()
  })

  it('a search that ignores the filter (returns closed chats) falls through every form to listing GET /chats, and says so', async () => {
    const rig = helpCrunchRig({
      wrapFetch: (inner) => async (input, init) => {
        // The filter is dropped on the way: every search answers every chat.
        if (String(input).endsWith('/chats/search') && init?.body) {
          const body = JSON.parse(String(init.body))
          return inner(input, { ...init, body: JSON.stringify({ ...body, filter: [] }) })
        }
        return inner(input, init)
      },
    })
    const old = rig.fake.db.addChat({ status: 'pending', createdAt: T0_SECONDS - DAY, lastMessageAt: T0_SECONDS - DAY })
    closedChats(rig, 120)
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(rig.engine.store.get(`helpcrunch:${old.id}`)).toMatchObject({ state: 'pending' })
    expect(rig.adapter.status()).toMatchObject({ state: 'ok', message: expect.stringContaining('every chat listed') })
    expect(warning(rig, 'search-listing')).toMatch(
      /every chat is read with GET \/chats instead \(about 2 requests a pass\)/,
    )
    // Closed chats of the listing are not announced.
    expect(rig.engine.store.bySource('helpcrunch').map((c) => c.key)).toEqual([`helpcrunch:${old.id}`])
    await rig.adapter.stop()
  })
})

describe('paging with an end', () => {
  it('a search that ignores offset and lies about total does not stall polling: new chats keep arriving', async () => {
    const rig = helpCrunchRig()
    Object.assign(rig.fake.db.quirks, { searchIgnoresOffset: true, searchTotalExtra: 100_000 })
    for (let i = 0; i < 150; i++)
      rig.fake.db.addChat({ status: 'opened', createdAt: T0_SECONDS - DAY + i, lastMessageAt: T0_SECONDS - DAY + i })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(30_000)
    const fresh = rig.fake.db.addChat({ status: 'new' })
    const searchesBefore = rig.fake.log.filter((e) => e.path === '/chats/search').length
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.engine.store.get(`helpcrunch:${fresh.id}`)).toMatchObject({ state: 'waiting' })
    expect(rig.engine.store.bySource('helpcrunch')).toHaveLength(151) // the old ones through listing
    expect(rig.adapter.status().state).toBe('ok')
    expect(warning(rig, 'search-listing')).toMatch(/answers the same page whatever the offset/)
    expect(rig.fake.log.filter((e) => e.path === '/chats/search').length).toBe(searchesBefore)
    expect(rig.fake.maxRequestsInWindow()).toBeLessThanOrEqual(60)
    await rig.adapter.stop()
  })

  it('a short page does not end the sweep while total says more remain', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.quirks.pageCap = 40 // the server answers 40 rows for limit=100, with the true total
    for (let i = 0; i < 150; i++)
      rig.fake.db.addChat({ status: 'opened', createdAt: T0_SECONDS - DAY + i, lastMessageAt: T0_SECONDS - DAY + i })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(rig.engine.store.bySource('helpcrunch')).toHaveLength(150)
    await rig.adapter.stop()
  })

  it('the reconcile reads at most a few pages a cycle, so the incremental poll never waits for a long sweep', async () => {
    const rig = helpCrunchRig({ tuning: { pageSize: 10, maxSweepPagesPerCycle: 3 } })
    for (let i = 0; i < 200; i++)
      rig.fake.db.addChat({ status: 'opened', createdAt: T0_SECONDS - DAY + i, lastMessageAt: T0_SECONDS - DAY + i })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(rig.adapter.status()).toMatchObject({ state: 'polling', message: 'loading open chats' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(rig.engine.store.bySource('helpcrunch')).toHaveLength(200)
    expect(rig.adapter.status().state).toBe('ok')
    // Between two incremental polls (GET /chats), never more than the cap of search pages; and the load went on
    // at the budget's pace, not one chunk per poll interval.
    const runs = rig.fake.log
      .map((e) => e.path)
      .join(' ')
      .split('/chats ')
      .map((chunk) => chunk.split(' ').filter((p) => p === '/chats/search').length)
    expect(Math.max(...runs)).toBe(3)
    const searches = rig.fake.log.filter((e) => e.path === '/chats/search')
    expect((searches.at(20)?.at ?? Number.POSITIVE_INFINITY) - T0).toBeLessThan(30_000)
    await rig.adapter.stop()
  })
})

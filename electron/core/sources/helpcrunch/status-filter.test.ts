import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { helpCrunchRig } from '../../../../tests/helpers/helpcrunch'
import { createFakeHelpCrunch } from '../../demo/fake-helpcrunch/server'
import { HelpCrunchClient } from './client'
import { HelpCrunchError } from './errors'
import { OpenStatusSearch } from './status-filter'
import { TokenBucket } from './token-bucket'

const KEY = 'hc_status_filter_key_01'
const QUERY = { sort: 'chats.createdAt', order: 'asc', offset: 0, limit: 100 } as const

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }))
afterEach(() => vi.useRealTimers())

function setup(form: 'on hold' | 'onhold' | 'codes') {
  const fake = createFakeHelpCrunch({ apiKey: KEY })
  fake.db.quirks.searchStatus = form
  for (const status of ['new', 'opened', 'pending', 'on hold', 'closed']) fake.db.addChat({ status })
  const client = new HelpCrunchClient({
    baseUrl: 'http://127.0.0.1:1/v1',
    apiKey: KEY,
    fetch: fake.fetch,
    bucket: new TokenBucket(120),
  })
  const statuses = () => fake.log.filter((e) => e.path === '/chats/search').map((e) => e.status)
  return { fake, search: new OpenStatusSearch(client), statuses }
}

describe('open-chat search status forms', () => {
  it.each([
    ['on hold', 'names', [200]],
    ['onhold', 'compact-names', [400, 200]],
    ['codes', 'codes', [400, 400, 200]],
  ] as const)('a server that wants %s: falls back once, then remembers %s', async (variant, form, first) => {
    const { search, statuses } = setup(variant)
    const page = await search.page(QUERY)
    expect(page.chats.map((c) => c.rawStatus).sort()).toEqual(['new', 'on hold', 'opened', 'pending'])
    expect(statuses()).toEqual(first)
    expect(search.current).toEqual({ form, confirmed: true })
    await search.page(QUERY)
    expect(statuses()).toEqual([...first, 200])
  })

  it('when every form is refused, the chats are listed with GET /chats instead (and that is said)', async () => {
    const paths: string[] = []
    const broken = new OpenStatusSearch(
      new HelpCrunchClient({
        baseUrl: 'http://127.0.0.1:1/v1',
        apiKey: KEY,
        fetch: (async (input) => {
          const path = new URL(String(input)).pathname
          paths.push(path)
          if (path.endsWith('/search')) return new Response('{"errors":[{"code":"filter[0].value"}]}', { status: 400 })
          return new Response('{"data":[{"id":1,"status":"new"}],"meta":{"total":1}}', { status: 200 })
        }) as typeof fetch,
        bucket: new TokenBucket(120),
      }),
    )
    expect((await broken.page(QUERY)).chats.map((c) => c.key)).toEqual(['helpcrunch:1'])
    expect(paths).toEqual(['/v1/chats/search', '/v1/chats/search', '/v1/chats/search', '/v1/chats'])
    expect(broken.current).toEqual({ form: 'listing', confirmed: false })
    expect(broken.listingReason).toMatch(/refused every status filter form/)
    await broken.page(QUERY)
    expect(paths.at(-1)).toBe('/v1/chats')
  })

  it('a failure that is not a 400 is thrown as it is (the sweep backs off; the form is kept)', async () => {
    const down = new OpenStatusSearch(
      new HelpCrunchClient({
        baseUrl: 'http://127.0.0.1:1/v1',
        apiKey: KEY,
        fetch: (async () => new Response('{}', { status: 503 })) as typeof fetch,
        bucket: new TokenBucket(120),
      }),
    )
    await expect(down.page(QUERY)).rejects.toBeInstanceOf(HelpCrunchError)
    expect(down.current).toEqual({ form: 'names', confirmed: false })
  })

  it('the poller loads open chats from a numeric-code server', async () => {
    // Pages of 2: the first incremental page cannot load all five, only the sweep can.
    const rig = helpCrunchRig({ tuning: { pageSize: 2 } })
    rig.fake.db.quirks.searchStatus = 'codes'
    for (const status of ['new', 'pending', 'on hold', 'opened', 'new']) rig.fake.db.addChat({ status })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(rig.engine.store.bySource('helpcrunch')).toHaveLength(5)
    expect(rig.adapter.status()).toMatchObject({ state: 'ok', warnings: [] })
    await rig.adapter.stop()
  })
})

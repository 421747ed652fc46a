import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeHelpCrunch } from './server'

const KEY = 'fake-key-123'
const base = 'http://fake.test/v1'
const auth = { authorization: `Bearer ${KEY}` }

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }))
afterEach(() => vi.useRealTimers())

async function call(fake: ReturnType<typeof createFakeHelpCrunch>, path: string, init: RequestInit = {}) {
  const response = await fake.fetch(`${base}${path}`, { ...init, headers: { ...auth, ...init.headers } })
  return { status: response.status, body: JSON.parse(await response.text()) }
}

describe('fake HelpCrunch server', () => {
  it('serves documented shapes and quirks: wrapped lists with meta.total, unwrapped chats, string timestamps', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.addChat({ id: 3 }) // id % 3 = 0 → number timestamps
    fake.db.addChat({ id: 4, status: 'on hold' }) // → "sec" strings
    fake.db.addChat({ id: 5, snoozedUntil: 1_700_000_600 }) // → "sec.000"
    const list = await call(fake, '/chats?sort=chats.createdAt&order=asc&offset=0&limit=2')
    expect(list.status).toBe(200)
    expect(list.body.meta).toEqual({ total: 3 })
    expect(list.body.data.map((c: { id: number }) => c.id)).toEqual([3, 4])
    expect(list.body.data[0].createdAt).toBe(1_700_000_000)
    expect(list.body.data[1]).toMatchObject({ createdAt: '1700000000', status: 'on hold' })
    const one = await call(fake, '/chats/5')
    expect(one.body).toMatchObject({ id: 5, createdAt: '1700000000.000', snoozedUntil: '1700000600.000' })
    expect(one.body.data).toBeUndefined()
  })

  it('searches with OR filters and answers with a top-level total', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.addChat({ status: 'new' })
    fake.db.addChat({ status: 'closed' })
    fake.db.addChat({ status: 'on hold' })
    const filter = ['new', 'on hold'].map((value) => ({ field: 'chats.status', operator: '=', value }))
    const { body } = await call(fake, '/chats/search', {
      method: 'POST',
      body: JSON.stringify({ comparison: 'OR', filter, sort: 'chats.createdAt', order: 'asc', offset: 0, limit: 10 }),
    })
    expect(body.total).toBe(2)
    expect(body.data.map((c: { status: string }) => c.status)).toEqual(['new', 'on hold'])
  })

  it('rejects a status spelling its variant does not know with 400, and can play the onhold and code variants', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.addChat({ status: 'new' })
    fake.db.addChat({ status: 'on hold' })
    const search = (...values: string[]) =>
      call(fake, '/chats/search', {
        method: 'POST',
        body: JSON.stringify({
          comparison: 'OR',
          filter: values.map((value) => ({ field: 'chats.status', operator: '=', value })),
          limit: 10,
        }),
      })
    expect(await search('new', 'onhold')).toMatchObject({
      status: 400,
      body: { errors: [{ code: 'invalid_request' }, { code: 'filter[1].value' }] },
    })
    expect((await search('3')).status).toBe(400)
    fake.db.quirks.searchStatus = 'onhold'
    expect(await search('onhold')).toMatchObject({ status: 200, body: { total: 1 } })
    expect((await search('on hold')).status).toBe(400)
    fake.db.quirks.searchStatus = 'codes'
    expect(await search('1', '4')).toMatchObject({ status: 200, body: { total: 2 } })
    expect((await search('new')).status).toBe(400)
  })

  it('answers errors in the documented body: 401 invalid_token, 404 chat_not_found, 400 over 100 per page', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    const wrong = await fake.fetch(`${base}/chats`, { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ errors: [{ code: 'invalid_token', message: 'Invalid token' }] })
    expect(await call(fake, '/chats/999')).toEqual({
      status: 404,
      body: { errors: [{ code: 'chat_not_found', message: 'Chat not found' }] },
    })
    const big = await call(fake, '/chats?limit=101')
    expect(big.status).toBe(400)
    expect(big.body.errors.map((e: { code: string }) => e.code)).toEqual(['invalid_request', 'limit'])
  })

  it('updates chats through the PUT endpoints and returns the unwrapped chat', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    const { id } = fake.db.addChat()
    const put = (path: string, body: unknown) => call(fake, path, { method: 'PUT', body: JSON.stringify(body) })
    expect((await put('/chats/status', { id, status: 'on-hold' })).body.status).toBe('on hold')
    expect((await put('/chats/assignee', { id, assignee: 4188 })).body.assignee).toMatchObject({ id: 4188 })
    expect((await put('/chats/assignee', { id, assignee: 1 })).body.errors[1].code).toBe('invalid_chat_value')
    expect((await put('/chats/snooze', { id, snoozedUntil: 1_700_003_600 })).body.snoozedUntil).toBe('1700003600.000')
    expect((await put('/chats/snooze', { id, snoozedUntil: null })).body.snoozedUntil).toBeNull()
    expect((await put('/chats/readByAgent', { id, read: true })).body.readByAgent).toBe(true)
    expect((await put('/chats/status', { id, status: 'closed' })).body).toMatchObject({
      status: 'closed',
      closedBy: 'agent',
    })
  })

  it('limits to 120 requests in a sliding minute with 429 too_many_requests, and logs every request', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    for (let i = 0; i < 120; i++) expect((await call(fake, '/agents')).status).toBe(200)
    const limited = await call(fake, '/agents')
    expect(limited).toEqual({
      status: 429,
      body: { errors: [{ code: 'too_many_requests', message: 'Too many requests' }] },
    })
    vi.advanceTimersByTime(60_001)
    expect((await call(fake, '/agents')).status).toBe(200)
    expect(fake.log).toHaveLength(122)
    expect(fake.log[120]).toMatchObject({ method: 'GET', path: '/agents', status: 429 })
    expect(fake.maxRequestsInWindow()).toBe(121)
  })

  it('injects scripted faults: 5xx, malformed JSON, slow answers, and timeouts that only end on abort', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.faults.queue.push('server-error', 'malformed', 'slow', 'timeout')
    fake.faults.config.slowMs = 5_000
    expect((await fake.fetch(`${base}/agents`, { headers: auth })).status).toBe(503)
    const malformed = await fake.fetch(`${base}/agents`, { headers: auth })
    const text = await malformed.text()
    expect(malformed.status).toBe(200)
    expect(() => JSON.parse(text)).toThrow()
    let slowDone = false
    const slow = fake.fetch(`${base}/agents`, { headers: auth }).then((r) => {
      slowDone = true
      return r.status
    })
    await vi.advanceTimersByTimeAsync(4_999)
    expect(slowDone).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await slow).toBe(200)
    const aborter = new AbortController()
    const hung = fake.fetch(`${base}/agents`, { headers: auth, signal: aborter.signal })
    aborter.abort(new Error('gave up'))
    await expect(hung).rejects.toThrow('gave up')
    expect(fake.log.map((e) => e.status)).toEqual([503, 200, 200, 0])
  })

  it('injects random faults at the configured rate, repeatably for a seed', async () => {
    const run = async () => {
      const fake = createFakeHelpCrunch({ apiKey: KEY, seed: 7 })
      fake.faults.config.rate = 0.2
      for (let i = 0; i < 100; i++) await fake.fetch(`${base}/agents`, { headers: auth })
      return fake.log.map((e) => e.status)
    }
    const first = await run()
    const failures = first.filter((s) => s === 503).length
    expect(failures).toBeGreaterThan(8)
    expect(failures).toBeLessThan(35)
    expect(await run()).toEqual(first)
  })

  it('serves the same API over HTTP', async () => {
    vi.useRealTimers()
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.addChat({ id: 42 })
    const url = await fake.listen()
    try {
      const response = await fetch(`${url}/chats/42`, { headers: auth })
      expect(await response.json()).toMatchObject({ id: 42, status: 'new' })
    } finally {
      await fake.close()
    }
  })
})

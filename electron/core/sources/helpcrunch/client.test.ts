import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeHelpCrunch } from '../../demo/fake-helpcrunch/server'
import { HelpCrunchClient } from './client'
import { HelpCrunchError } from './errors'
import { TokenBucket } from './token-bucket'

const KEY = 'hc_secret_key_abcdef'
const NOW = 1_700_000_000_000

beforeEach(() => vi.useFakeTimers({ now: NOW }))
afterEach(() => vi.useRealTimers())

interface Seen {
  method: string
  url: string
  headers: Headers
  body: unknown
}

/** A client whose fetch answers with `answer` and records what was sent. */
function stubbed(answer: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = []
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    const entry: Seen = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }
    seen.push(entry)
    return answer(entry)
  }) as typeof fetch
  const bucket = new TokenBucket(120)
  const client = new HelpCrunchClient({ baseUrl: 'https://api.example/v1/', apiKey: KEY, fetch: fetchStub, bucket })
  return { client, seen, bucket }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers })

const rawChat = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'new',
  createdAt: '1603864800.000',
  lastMessageAt: '1700000000',
  customer: { id: 1, name: 'Mateus', email: null, userId: null },
  assignee: null,
  ...extra,
})

async function failure(promise: Promise<unknown>): Promise<HelpCrunchError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof HelpCrunchError) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('HelpCrunchClient calls', () => {
  it('lists chats with sort/order/offset/limit, bearer auth and meta.total', async () => {
    const { client, seen } = stubbed(() => json(200, { data: [rawChat(1), rawChat(2)], meta: { total: 7 } }))
    const page = await client.listChats({ sort: 'chats.lastMessageAt', order: 'desc', offset: 100, limit: 50 })
    expect(seen[0]?.url).toBe('https://api.example/v1/chats?sort=chats.lastMessageAt&order=desc&offset=100&limit=50')
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(seen[0]?.headers.get('accept')).toBe('application/json')
    expect(page).toMatchObject({ itemCount: 2, total: 7, invalid: [] })
    expect(page.chats[0]).toMatchObject({ key: 'helpcrunch:1', state: 'waiting', createdAt: 1_603_864_800_000 })
  })

  it('searches with a JSON body and accepts a top-level total; invalid items are skipped and named', async () => {
    const { client, seen } = stubbed(() => json(200, { data: [rawChat(1), { id: 'x', status: 3 }], total: '2' }))
    const filter = [{ field: 'chats.status', operator: '=' as const, value: 'new' }]
    const page = await client.searchChats(
      filter,
      { sort: 'chats.createdAt', order: 'asc', offset: 0, limit: 100 },
      'OR',
    )
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.example/v1/chats/search',
      body: { comparison: 'OR', filter, sort: 'chats.createdAt', order: 'asc', offset: 0, limit: 100 },
    })
    expect(seen[0]?.headers.get('content-type')).toBe('application/json')
    expect(page.total).toBe(2)
    expect(page.itemCount).toBe(2)
    expect(page.chats).toHaveLength(1)
    expect(page.invalid[0]?.reason).toMatch(/field "id"/)
  })

  it('gets one unwrapped chat, the agents and the organisation domain', async () => {
    const { client, seen } = stubbed(({ url }) => {
      if (url.endsWith('/chats/5')) return json(200, rawChat(5, { status: 'on hold' }))
      if (url.includes('/agents'))
        return json(200, { data: [{ id: 4188, name: 'Ana', email: 'a@x', role: 'agent' }], meta: { total: 1 } })
      return json(200, { data: { id: 1, domain: 'acme', teamOnline: true, chatEnabled: true } })
    })
    expect((await client.getChat('5')).chat).toMatchObject({
      key: 'helpcrunch:5',
      state: 'on-hold',
      rawStatus: 'on hold',
    })
    expect(await client.agents()).toEqual([{ id: '4188', name: 'Ana', email: 'a@x', role: 'agent' }])
    expect(await client.organization()).toEqual({ domain: 'acme' })
    expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      'GET /v1/chats/5',
      'GET /v1/agents',
      'GET /v1/organization',
    ])
  })

  it('sends the quick actions as documented PUTs and returns the updated chat', async () => {
    const { client, seen } = stubbed(() => json(200, rawChat(9, { snoozedUntil: '1700003600.000' })))
    expect((await client.snooze('9', NOW + 3_600_500)).chat.snoozedUntil).toBe(1_700_003_600_000)
    await client.snooze('9', null)
    await client.assign('9', '4188')
    await client.setStatus('9', 'pending')
    await client.markRead('9')
    expect(seen.map((s) => [s.method, new URL(s.url).pathname, s.body])).toEqual([
      ['PUT', '/v1/chats/snooze', { id: 9, snoozedUntil: 1_700_003_600 }],
      ['PUT', '/v1/chats/snooze', { id: 9, snoozedUntil: null }],
      ['PUT', '/v1/chats/assignee', { id: 9, assignee: 4188 }],
      ['PUT', '/v1/chats/status', { id: 9, status: 'pending' }],
      ['PUT', '/v1/chats/readByAgent', { id: 9, read: true }],
    ])
  })

  it('works against the fake server end to end', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.addChat({ id: 10, status: 'opened' })
    const client = new HelpCrunchClient({
      baseUrl: 'http://f/v1',
      apiKey: KEY,
      fetch: fake.fetch,
      bucket: new TokenBucket(120),
    })
    expect((await client.setStatus('10', 'on hold')).chat.state).toBe('on-hold')
    expect(fake.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['PUT /chats/status 200'])
  })
})

describe('HelpCrunchClient errors', () => {
  it('404 chat_not_found → not-found with the code', async () => {
    const { client } = stubbed(() => json(404, { errors: [{ code: 'chat_not_found', message: 'Chat not found' }] }))
    const error = await failure(client.getChat('1'))
    expect(error).toMatchObject({ kind: 'not-found', status: 404, codes: ['chat_not_found'], code: 'chat_not_found' })
  })

  it('401 and 403 → auth', async () => {
    for (const status of [401, 403]) {
      const { client } = stubbed(() => json(status, { errors: [{ code: 'invalid_token', message: 'Invalid token' }] }))
      expect(await failure(client.agents())).toMatchObject({ kind: 'auth', code: 'invalid_token' })
    }
  })

  it('400 with the newer generic-first body → bad-request; `code` is the specific one', async () => {
    const body = {
      errors: [
        { code: 'invalid_request', message: 'Invalid request' },
        { code: 'invalid_chat_value', message: 'status value is invalid' },
      ],
    }
    const { client } = stubbed(() => json(400, body))
    const error = await failure(client.assign('1', '99'))
    expect(error).toMatchObject({ kind: 'bad-request', codes: ['invalid_request', 'invalid_chat_value'] })
    expect(error.code).toBe('invalid_chat_value')
    expect(error.message).toContain('status value is invalid')
  })

  it('429 → rate-limited, honours Retry-After (seconds or date) and pauses the shared bucket', async () => {
    const { client, bucket } = stubbed(() =>
      json(429, { errors: [{ code: 'too_many_requests', message: 'x' }] }, { 'retry-after': '7' }),
    )
    const error = await failure(client.listChats({ sort: 'chats.createdAt', order: 'desc', offset: 0, limit: 1 }))
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_000, code: 'too_many_requests' })
    let granted = false
    void bucket.take('action').then(() => {
      granted = true
    })
    await vi.advanceTimersByTimeAsync(6_990)
    expect(granted).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(granted).toBe(true)
    const at = Math.ceil(Date.now() / 1000) * 1000 + 30_000
    const dated = stubbed(() => json(429, {}, { 'retry-after': new Date(at).toUTCString() }))
    expect((await failure(dated.client.agents())).retryAfterMs).toBe(at - Date.now())
  })

  it('5xx → server; a body that is not the error shape is tolerated', async () => {
    const { client } = stubbed(() => json(502, '<html>bad gateway</html>'))
    expect(await failure(client.agents())).toMatchObject({ kind: 'server', status: 502, codes: [] })
  })

  it('malformed JSON or a wrong shape on 200 → bad-response', async () => {
    expect(await failure(stubbed(() => json(200, '{"data":[')).client.agents())).toMatchObject({ kind: 'bad-response' })
    expect(await failure(stubbed(() => json(200, { items: [] })).client.agents())).toMatchObject({
      kind: 'bad-response',
    })
    expect(await failure(stubbed(() => json(200, { status: 'new' })).client.getChat('1'))).toMatchObject({
      kind: 'bad-response',
    })
  })

  it('no answer within the timeout → timeout (the request is aborted)', async () => {
    let signal: AbortSignal | undefined
    const fetchStub = ((_input: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        signal = init?.signal ?? undefined
        signal?.addEventListener('abort', () => reject(new Error('aborted')))
      })) as typeof fetch
    const client = new HelpCrunchClient({
      baseUrl: 'https://x/v1',
      apiKey: KEY,
      fetch: fetchStub,
      bucket: new TokenBucket(120),
      timeoutMs: 2_000,
    })
    const pending = failure(client.agents())
    await vi.advanceTimersByTimeAsync(2_000)
    expect(await pending).toMatchObject({ kind: 'timeout' })
    expect(signal?.aborted).toBe(true)
  })

  it('a network error → network, and the API key never appears in the message', async () => {
    const { client } = stubbed(() => {
      throw new TypeError(`connect ECONNREFUSED (Authorization: Bearer ${KEY})`)
    })
    const error = await failure(client.agents())
    expect(error.kind).toBe('network')
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.message).not.toContain(KEY)
    expect(JSON.stringify(error)).not.toContain(KEY)
  })

  it('an error message echoing the key is redacted', async () => {
    const { client } = stubbed(() =>
      json(401, { errors: [{ code: 'invalid_token', message: `token ${KEY} is invalid` }] }),
    )
    const error = await failure(client.agents())
    expect(error.message).toContain('[redacted]')
    expect(error.message).not.toContain(KEY)
  })
})

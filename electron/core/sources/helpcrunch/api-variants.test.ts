import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { helpCrunchRig } from '../../../../tests/helpers/helpcrunch'
import type { FakeQuirks } from '../../demo/fake-helpcrunch/quirks'
import { HelpCrunchClient } from './client'
import { TokenBucket } from './token-bucket'
import { fillWebUrl, normalizeDomain, subdomainFromOrganization } from './web-url'

const T0 = 1_700_000_000_000

beforeEach(() => vi.useFakeTimers({ now: T0 }))
afterEach(() => vi.useRealTimers())

/** A started rig whose fake plays the given documented variant, with chat 500 loaded. */
async function against(quirks: Partial<FakeQuirks>) {
  const rig = helpCrunchRig()
  Object.assign(rig.fake.db.quirks, quirks)
  const chat = rig.fake.db.addChat({ id: 500, status: 'new' })
  await rig.adapter.start()
  await vi.advanceTimersByTimeAsync(10)
  const dispatch = (command: string, params: Record<string, unknown>) =>
    rig.engine.dispatcher.runUntrusted(command, params)
  const calls = (path: string) => rig.fake.log.filter((e) => e.path === path).map((e) => e.status)
  return { ...rig, chat, key: 'helpcrunch:500', dispatch, calls }
}

describe('HelpCrunch API variants the client tolerates', () => {
  it('snooze: a 400 about snoozedUntil is retried once as a string, and the string form is kept', async () => {
    const rig = await against({ snoozeAsString: true })
    expect(await rig.dispatch('chat.snooze', { key: rig.key, preset: '1h' })).toMatchObject({ ok: true })
    expect(rig.chat.snoozedUntil).toBe(T0 / 1000 + 3600)
    expect(rig.calls('/chats/snooze')).toEqual([400, 200])
    expect(await rig.dispatch('chat.snooze', { key: rig.key, preset: '15m' })).toMatchObject({ ok: true })
    expect(rig.calls('/chats/snooze')).toEqual([400, 200, 200])
  })

  /** A client whose `PUT /chats/snooze` answers `answer(body)`; records what was sent. */
  function snoozeClient(answer: (body: { snoozedUntil: unknown }) => Response) {
    const sent: unknown[] = []
    const client = new HelpCrunchClient({
      baseUrl: 'https://api.example/v1',
      apiKey: 'hc_key_variants_0001',
      bucket: new TokenBucket(120),
      fetch: (async (_input, init) => {
        const body = JSON.parse(String(init?.body))
        sent.push(body)
        return answer(body)
      }) as typeof fetch,
    })
    return { client, sent }
  }
  const generic400 = () =>
    new Response(
      '{"errors":[{"code":"invalid_request","message":"Invalid request"},{"code":"invalid_chat_value","message":"value is invalid"}]}',
      { status: 400 },
    )

  it('snooze: a generic 400 that names no field still tries the string form once (E5), and keeps it', async () => {
    const { client, sent } = snoozeClient((body) =>
      typeof body.snoozedUntil === 'number'
        ? generic400()
        : new Response('{"id":500,"status":"opened"}', { status: 200 }),
    )
    expect((await client.snooze('500', T0 + 60_000)).chat.sourceId).toBe('500')
    await client.snooze('500', T0 + 120_000)
    expect(sent).toEqual([
      { id: 500, snoozedUntil: T0 / 1000 + 60 },
      { id: 500, snoozedUntil: String(T0 / 1000 + 60) },
      { id: 500, snoozedUntil: String(T0 / 1000 + 120) },
    ])
  })

  it('snooze: when the string form is refused too, the first answer is the error, and the number form stays', async () => {
    const { client, sent } = snoozeClient(generic400)
    await expect(client.snooze('500', T0 + 60_000)).rejects.toMatchObject({ kind: 'bad-request' })
    await expect(client.snooze('500', T0 + 60_000)).rejects.toMatchObject({ kind: 'bad-request' })
    expect(sent.map((b) => typeof (b as { snoozedUntil: unknown }).snoozedUntil)).toEqual([
      'number',
      'string',
      'number',
      'string',
    ])
  })

  it('agents: every page of GET /agents, beyond the first 100', async () => {
    const rig = await against({})
    for (let i = 0; i < 248; i++)
      rig.fake.db.agents.set(10_000 + i, {
        id: 10_000 + i,
        name: `Agent ${i}`,
        email: `a${i}@acme.test`,
        role: 'agent',
      })
    const before = rig.requests()
    const agents = await rig.adapter.listAgents()
    expect(agents).toHaveLength(250)
    expect(agents.at(-1)).toEqual({ id: '10247', name: 'Agent 247', email: 'a247@acme.test' })
    expect(rig.fake.log.slice(before).map((e) => e.path)).toEqual(['/agents', '/agents', '/agents'])
  })

  it.each([
    ['newest', 'on-hold', ['on hold'], 'on-hold'],
    ['older', 'on-hold', ['on hold', 'on-hold'], 'on-hold'],
    ['older', 'onhold', ['on hold', 'on-hold'], 'on-hold'],
    ['uk', 'active', ['opened', 'open'], 'active'],
    ['uk', 'opened', ['opened', 'open'], 'active'],
    ['any', 'waiting', ['new'], 'waiting'],
  ] as const)(
    'chat.status on a server that takes the %s names: %s is sent as %j',
    async (names, asked, tried, state) => {
      const rig = await against({ statusNames: names })
      const sent: string[] = []
      const before = rig.requests()
      expect(await rig.dispatch('chat.status', { key: rig.key, status: asked })).toMatchObject({ ok: true })
      expect(rig.engine.store.get(rig.key)?.state).toBe(state)
      for (const entry of rig.fake.log.slice(before)) sent.push(`${entry.path} ${entry.status}`)
      expect(sent).toEqual(tried.map((_, i) => `/chats/status ${i === tried.length - 1 ? 200 : 400}`))
      // The spelling that worked is kept: the next change of that status goes straight to it.
      const again = rig.requests()
      await rig.dispatch('chat.status', { key: rig.key, status: asked })
      expect(rig.fake.log.slice(again).map((e) => e.status)).toEqual([200])
    },
  )

  it('mark read: a 404 for PUT /chats/readByAgent tries PUT /chats/read, then stays with it', async () => {
    const rig = await against({ readRoute: 'read' })
    expect(await rig.dispatch('chat.read', { key: rig.key })).toMatchObject({ ok: true })
    expect(rig.chat.readByAgent).toBe(true)
    expect(rig.calls('/chats/readByAgent')).toEqual([404])
    expect(rig.calls('/chats/read')).toEqual([200])
    await rig.dispatch('chat.read', { key: rig.key })
    expect(rig.calls('/chats/readByAgent')).toEqual([404])
    expect(rig.calls('/chats/read')).toEqual([200, 200])
  })

  it('mark read: the documented 404 `not_fount` means the chat is gone, not the route (no second route tried)', async () => {
    const rig = await against({})
    rig.fake.db.delete(500)
    expect(await rig.dispatch('chat.read', { key: rig.key })).toMatchObject({
      ok: false,
      error: { code: 'not_found', sourceCode: 'not_fount' },
    })
    expect(rig.calls('/chats/readByAgent')).toEqual([404])
    expect(rig.calls('/chats/read')).toEqual([])
    expect(rig.engine.store.get(rig.key)).toBeUndefined()
  })

  it.each([
    ['not_fount', 'Chat for ID "500" was not found'],
    ['not_found', 'Chat not found'],
    ['chat_not_found', 'Chat is missing'],
  ])('mark read: a 404 %s is chat-not-found; a 404 naming a route is a missing route', async (code, message) => {
    const paths: string[] = []
    const client = new HelpCrunchClient({
      baseUrl: 'https://api.example/v1',
      apiKey: 'hc_key_variants_0002',
      bucket: new TokenBucket(120),
      fetch: (async (input) => {
        paths.push(new URL(String(input)).pathname)
        return new Response(JSON.stringify({ errors: [{ code, message }] }), { status: 404 })
      }) as typeof fetch,
    })
    await expect(client.markRead('500')).rejects.toMatchObject({ kind: 'not-found', code })
    expect(paths).toEqual(['/v1/chats/readByAgent'])
    const routed = new HelpCrunchClient({
      baseUrl: 'https://api.example/v1',
      apiKey: 'hc_key_variants_0002',
      bucket: new TokenBucket(120),
      fetch: (async (input) => {
        const path = new URL(String(input)).pathname
        paths.push(path)
        if (path.endsWith('/read')) return new Response(JSON.stringify({ id: 500, status: 'new' }), { status: 200 })
        const body = { errors: [{ code: 'not_found', message: 'No route found for "PUT /chats/readByAgent"' }] }
        return new Response(JSON.stringify(body), { status: 404 })
      }) as typeof fetch,
    })
    expect((await routed.markRead('500')).chat.sourceId).toBe('500')
    expect(paths.slice(1)).toEqual(['/v1/chats/readByAgent', '/v1/chats/read'])
  })

  it('GET /organization → a *.helpcrunch.com domain builds the link', async () => {
    const rig = await against({ domain: 'host' })
    expect(rig.engine.store.get(rig.key)?.webUrl).toBe('https://acme.helpcrunch.com/inbox/chats/500')
    expect(rig.adapter.status().notices ?? []).not.toContainEqual(expect.objectContaining({ code: 'domain-unknown' }))
  })

  it.each([
    ['website', 'acme.com'],
    ['label', 'acme'],
  ] as const)(
    'GET /organization → a domain that is not a helpcrunch.com host (%s) builds no link and the status asks for the subdomain',
    async (form, said) => {
      const rig = await against({ domain: form })
      expect(rig.engine.store.get(rig.key)?.webUrl).toBeNull()
      expect(await rig.dispatch('chat.open', { key: rig.key })).toMatchObject({
        ok: false,
        error: { code: 'not_configured' },
      })
      const warning = rig.adapter.status().notices?.find((w) => w.code === 'domain-unknown')
      expect(warning?.message).toContain(`it said "${said}"`)
      expect(warning?.message).toContain(
        'set your HelpCrunch subdomain (setting helpcrunch.domain; headless: --helpcrunch-domain)',
      )
      expect(rig.adapter.status().warnings).toContain(warning?.message)
      rig.settings.update({ helpcrunch: { domain: 'acme' } })
      expect(await rig.dispatch('chat.open', { key: rig.key })).toMatchObject({
        ok: true,
        result: { url: 'https://acme.helpcrunch.com/inbox/chats/500' },
      })
    },
  )

  it.each([
    ['acme', 'acme'],
    ['acme.helpcrunch.com', 'acme'],
    ['https://Acme.helpcrunch.com/inbox', 'acme'],
    [' acme ', 'acme'],
    ['', null],
    ['a b', null],
    ['-bad', null],
  ])('normalises the domain %j to %j', (raw, expected) => {
    expect(normalizeDomain(raw)).toBe(expected)
  })

  it.each([
    ['acme.helpcrunch.com', 'acme'],
    ['https://Acme.helpcrunch.com/inbox', 'acme'],
    ['acme.helpcrunch.com.', 'acme'],
    ['acme', null],
    ['acme.com', null],
    ['acme.helpcrunch.com.evil.example', null],
    ['evil.example/acme.helpcrunch.com', null],
    ['a.b.helpcrunch.com', null],
    ['', null],
  ])('takes the organisation domain %j as subdomain %j (only a *.helpcrunch.com host)', (raw, expected) => {
    expect(subdomainFromOrganization(raw)).toBe(expected)
  })

  it('never builds a link on another host from a hostile domain', () => {
    expect(fillWebUrl('https://{domain}.helpcrunch.com/inbox/chats/{id}', 'evil.com/x?', '1')).toBe(
      'https://evil.helpcrunch.com/inbox/chats/1',
    )
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { deskDirectorSeedBody } from '../../../../tests/helpers/seeds'
import { ddSession, ddSignature, send, startTestListener, type TestListener } from '../../../../tests/helpers/webhooks'
import type { Logger } from '../../engine/log'

const secrets = ['new-chat-secret-0000000000000000', 'status-secret-11111111111111111']
const path = '/webhooks/deskdirector'
let t: TestListener | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const start = (options: Parameters<typeof startTestListener>[0] = {}) =>
  startTestListener({ secrets: { 'deskdirector.secrets': secrets.join('\n') }, ...options })

const deliver = (body: string | Buffer, secret = secrets[0] as string, encoding: 'hex' | 'HEX' | 'base64' = 'hex') =>
  send((t as TestListener).url, { path, body, headers: { 'x-dd-signature': ddSignature(body, secret, encoding) } })

describe('POST /webhooks/deskdirector', () => {
  it.each([
    ['waiting', 'waiting'],
    ['Waiting', 'waiting'],
    ['abandoned', 'missed'],
  ])('maps the UI spelling "%s" the help site says may appear to %s', async (status, state) => {
    t = await start()
    expect(await deliver(JSON.stringify([ddSession({ status })]))).toMatchObject({ status: 200, json: { applied: 1 } })
    expect(t.chats()).toEqual([expect.objectContaining({ state, rawStatus: status })])
  })

  it('an unknown status is not applied in silence: 200, listed, kept as a dead letter, a warning on the status', async () => {
    t = await start()
    const body = JSON.stringify([ddSession({ status: 'escalated' }), ddSession({ id: 'other', status: 'created' })])
    expect(await deliver(body)).toMatchObject({
      status: 200,
      json: { applied: 1, invalid: [{ index: 0, reason: expect.stringMatching(/"escalated" is not a known status/) }] },
    })
    expect(t.chats().map((c) => c.sourceId)).toEqual(['other'])
    expect(t.runtime.state.deadLetters.list('deskdirector')).toHaveLength(1)
    const status = t.runtime.engine.statuses().find((s) => s.source === 'deskdirector')
    expect(status?.notices).toEqual([
      {
        code: 'dead-letters',
        message: expect.stringMatching(/^1 session\(s\) of signed deliveries could not be applied.*"escalated"/),
      },
    ])
    expect(status?.warnings).toContain(status?.notices?.[0]?.message)
  })

  it('applies the seed payload delivered as raw bytes, signed with either webhook secret', async () => {
    t = await start({ baseUrl: 'https://acme.deskdirector.com' })
    const raw = Buffer.from(deskDirectorSeedBody(), 'utf8')
    expect(await deliver(raw, secrets[1], 'base64')).toMatchObject({
      status: 200,
      json: { applied: 1, duplicates: 0, invalid: [] },
    })
    expect(t.changes).toEqual([
      {
        type: 'chat.added',
        chat: expect.objectContaining({
          key: 'deskdirector:1530162945-9852',
          state: 'closed',
          webUrl: 'https://acme.deskdirector.com/tech',
        }),
      },
    ])
    // The same bytes again (a retry) and the same signature in upper-case hex: answered 200, nothing changes.
    expect(await deliver(raw, secrets[0], 'HEX')).toMatchObject({ status: 200, json: { applied: 0, duplicates: 1 } })
    expect(t.changes).toHaveLength(1)
  })

  it.each([
    ['no signature', {}],
    ['a signature made with a wrong secret', { 'x-dd-signature': ddSignature('[]', 'wrong') }],
  ])('answers 401 to %s and changes nothing', async (_label, headers) => {
    t = await start()
    const body = JSON.stringify([ddSession()])
    const answer = await send(t.url, { path, body, headers })
    expect(answer).toMatchObject({ status: 401, json: { error: expect.any(String) } })
    expect(t.chats()).toEqual([])
    // Anyone who reaches the port can send this: counted in /health, never a lasting warning.
    const status = t.runtime.engine.statuses().find((s) => s.source === 'deskdirector')
    expect(status?.warnings).toEqual([])
    const health = await send(t.url, { method: 'GET', path: '/health' })
    expect(health.json).toMatchObject({ listener: { refused: { signature: 1 } } })
  })

  it('answers 401 to a signature over a different body', async () => {
    t = await start()
    const signed = JSON.stringify([ddSession()])
    const sent = JSON.stringify([ddSession({ status: 'missed' })])
    const answer = await send(t.url, {
      path,
      body: sent,
      headers: { 'x-dd-signature': ddSignature(signed, secrets[0] as string) },
    })
    expect(answer.status).toBe(401)
    expect(t.chats()).toEqual([])
  })

  it('applies the valid items of a partly invalid array and lists the invalid ones', async () => {
    const warnings: unknown[] = []
    const log: Logger = { debug() {}, info() {}, error() {}, warn: (m, f) => warnings.push({ m, f }) }
    t = await start({ log })
    const body = JSON.stringify([
      ddSession({ id: 'a' }),
      { id: 'b', status: 'created' },
      'not a session',
      ddSession({ id: 'c', status: 'callback', callback: { type: 'phone', phone: '+1 555' } }),
    ])
    const answer = await deliver(body)
    expect(answer).toEqual(
      expect.objectContaining({
        status: 200,
        json: {
          applied: 2,
          duplicates: 0,
          invalid: [
            { index: 1, reason: expect.stringContaining('"lastModifiedDateTime"') },
            { index: 2, reason: expect.stringContaining('expected object') },
          ],
        },
      }),
    )
    expect(t.chats().map((c) => [c.sourceId, c.state])).toEqual([
      ['a', 'waiting'],
      ['c', 'callback'],
    ])
    expect(warnings).toHaveLength(1)
    expect(JSON.stringify(warnings)).not.toContain(secrets[0])
  })

  it('answers 200 to a signed delivery with no usable item: lists why, keeps each as a dead letter, warns', async () => {
    t = await start()
    const answer = await deliver(JSON.stringify([{ status: 'created' }, 42]))
    expect(answer).toMatchObject({
      status: 200,
      json: {
        applied: 0,
        invalid: [
          { index: 0, reason: expect.stringContaining('field "id"') },
          { index: 1, reason: expect.stringContaining('expected object') },
        ],
      },
    })
    expect(t.runtime.state.deadLetters.list().map((l) => [l.source, l.item])).toEqual([
      ['deskdirector', '{"status":"created"}'],
      ['deskdirector', '42'],
    ])
    const status = t.runtime.engine.statuses().find((s) => s.source === 'deskdirector')
    expect(status?.warnings.join(' ')).toMatch(/2 session\(s\) of signed deliveries could not be applied/)
  })

  it.each([
    ['a JSON string', '"hello"'],
    ['a JSON number', '7'],
    ['JSON null', 'null'],
  ])('answers 200 to a signed %s and lists it as not applied', async (_label, body) => {
    t = await start()
    expect(await deliver(body)).toMatchObject({
      status: 200,
      json: { applied: 0, invalid: [{ index: 0, reason: expect.stringContaining('expected object') }] },
    })
  })

  it('caps the items of one delivery and the length of the invalid list', async () => {
    t = await start()
    const answer = await deliver(JSON.stringify(Array.from({ length: 1_500 }, () => ({}))))
    const json = answer.json as { applied: number; invalid: unknown[]; invalidTotal: number }
    expect(answer.status).toBe(200)
    expect(json.invalid).toHaveLength(20)
    expect(json.invalidTotal).toBe(1_500)
    // At most one dead letter per applied-or-refused item under the cap, plus one for the rest.
    expect(t.runtime.state.deadLetters.list()).toHaveLength(500)
  })

  it('tolerates a single object and ignores out-of-order versions', async () => {
    t = await start()
    const created = ddSession({ lastModifiedDateTime: '2023-11-14T22:13:20Z' })
    const handled = ddSession({
      status: 'handled',
      users: [{ name: 'Tech', userId: 'x~m~2' }],
      lastModifiedDateTime: '2023-11-14T22:15:00Z',
    })
    expect((await deliver(JSON.stringify(handled))).json).toMatchObject({ applied: 1 })
    expect((await deliver(JSON.stringify([created]))).json).toMatchObject({ applied: 0, duplicates: 1 })
    expect(t.chats()).toEqual([
      expect.objectContaining({ state: 'active', assignee: expect.objectContaining({ name: 'Tech' }) }),
    ])
    expect(t.changes.map((c) => c.type)).toEqual(['chat.added'])
  })

  it('refuses deliveries with 403 and a warning while no secret is configured; secrets.set applies at once', async () => {
    t = await startTestListener()
    const body = JSON.stringify([ddSession()])
    const refused = await send(t.url, { path, body })
    expect(refused).toMatchObject({
      status: 403,
      json: { error: expect.stringMatching(/no DeskDirector webhook secret/) },
    })
    const health = (await send(t.url, { method: 'GET', path: '/health' })).json as {
      sources: { source: string; warnings: string[] }[]
    }
    expect(health.sources.find((s) => s.source === 'deskdirector')?.warnings[0]).toMatch(/refused \(403\)/)

    await t.runtime.engine.dispatcher.runUntrusted('secrets.set', {
      name: 'deskdirector.secrets',
      value: 'fresh-secret-abc',
    })
    const accepted = await send(t.url, {
      path,
      body,
      headers: { 'x-dd-signature': ddSignature(body, 'fresh-secret-abc') },
    })
    expect(accepted.status).toBe(200)
    const after = (await send(t.url, { method: 'GET', path: '/health' })).json as typeof health
    expect(after.sources.find((s) => s.source === 'deskdirector')).toMatchObject({ state: 'ok', warnings: [] })
  })

  it('accepts unsigned deliveries only when explicitly allowed, and warns about it', async () => {
    t = await startTestListener({ allowUnsigned: { deskdirector: true } })
    expect((await send(t.url, { path, body: JSON.stringify([ddSession()]) })).status).toBe(200)
    const status = t.runtime.engine.statuses().find((s) => s.source === 'deskdirector')
    expect(status?.warnings[0]).toMatch(/unsigned deliveries are accepted/)
  })

  it('republishes its health when unsigned deliveries are switched on in settings', async () => {
    t = await startTestListener()
    const events: unknown[] = []
    t.runtime.engine.bus.on(['source.status'], (e) => events.push(e.status))
    await t.runtime.engine.dispatcher.runUntrusted('settings.update', {
      patch: { listener: { allowUnsigned: { deskdirector: true, helpcrunch: false } } },
    })
    expect(events).toEqual([
      expect.objectContaining({ source: 'deskdirector', state: 'ok', warnings: [expect.stringMatching(/unsigned/)] }),
    ])
  })

  it('opens DeskDirector chats on the configured site, linking the ticket', async () => {
    t = await start({ baseUrl: 'https://acme.deskdirector.com' })
    await deliver(JSON.stringify([ddSession({ reference: { type: 'ticket', id: 4711 } })]))
    const result = await t.runtime.engine.dispatcher.runUntrusted('chat.open', { key: 'deskdirector:1700000000-ABCD' })
    expect(result).toEqual({ ok: true, result: { url: 'https://acme.deskdirector.com/tech/tickets/4711' } })
  })
})

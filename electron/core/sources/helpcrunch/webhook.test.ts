import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatChange } from '../../../../shared/protocol'
import { hcSignature, send } from '../../../../tests/helpers/webhooks'
import { createEngine, type Engine } from '../../engine/engine'
import { silentLogger } from '../../engine/log'
import { DeadLetters } from '../../engine/persistence/dead-letters'
import { DeliveryIds } from '../../engine/persistence/delivery-ids'
import { createHttpServer, type HttpServer } from '../../http/server'
import { createHelpCrunchWebhookRoute, type HelpCrunchWebhookDeps } from './webhook'

const key = 'hc-signing-key-0123456789'
/** The route's clock: when a delivery is received (local), the version the ordering rule gives (`ordering.ts`). */
const RECEIVED_AT = 1_800_000_000_000
let listener: HttpServer | undefined
afterEach(async () => {
  await listener?.stop()
  listener = undefined
})

async function start(overrides: Partial<HelpCrunchWebhookDeps> = {}) {
  const engine: Engine = createEngine({ log: silentLogger, now: () => RECEIVED_AT })
  const changes: ChatChange[] = []
  engine.bus.subscribe((e) => {
    if (e.type === 'chat.added' || e.type === 'chat.changed') changes.push(e)
  })
  const route = createHelpCrunchWebhookRoute({
    context: engine.contextFor('helpcrunch'),
    signingKey: () => key,
    allowUnsigned: () => false,
    ownsStatus: () => true,
    now: engine.now,
    ...overrides,
  })
  listener = createHttpServer({ host: '127.0.0.1', port: 0, log: silentLogger, health: () => ({}) })
  listener.route(route.path, route.handler)
  const { url } = await listener.start()
  const deliver = (delivery: unknown, signWith: string | null = key) => {
    const body = typeof delivery === 'string' ? delivery : JSON.stringify(delivery)
    const headers: Record<string, string> = signWith ? { 'x-helpcrunch-signature': hcSignature(body, signWith) } : {}
    return send(url, { path: '/webhooks/helpcrunch', body, headers })
  }
  return { engine, changes, deliver, url, route, chat: (id: string) => engine.store.get(`helpcrunch:${id}`) }
}

let deliveryCounter = 0
const envelope = (event: string, eventData: Record<string, unknown>, createdAt = 1717430599) => ({
  event,
  eventData,
  attempts: 0,
  lastAttemptAt: createdAt,
  createdAt,
  id: `delivery-${++deliveryCounter}`,
})

const chatNew = (idKey = 'id') => ({
  [idKey]: 5224081,
  communicatedAgents: [],
  customer: { id: 8745474, name: 'Paul', email: 'paul@example.com', userId: 'example_9106' },
  closedBy: null,
  status: 'new',
  closedAt: null,
  rating: null,
  createdAt: '1717430598.412',
  snoozedUntil: null,
  applicationId: 89,
  department: null,
})

describe('POST /webhooks/helpcrunch', () => {
  it.each(['id', 'chatId', 'chat_id'])('adds the chat of a chat.new event whose id is in "%s"', async (idKey) => {
    const t = await start()
    expect(await t.deliver(envelope('chat.new', chatNew(idKey)))).toMatchObject({
      status: 200,
      json: { applied: 1, duplicates: 0, invalid: [], event: 'chat.new' },
    })
    expect(t.chat('5224081')).toMatchObject({
      state: 'waiting',
      title: 'Paul',
      customer: { email: 'paul@example.com' },
      createdAt: 1717430598412,
      // The version is when the app learnt it (local clock), never HelpCrunch's event time.
      updatedAt: RECEIVED_AT,
    })
  })

  it('drops a retried delivery by its id, even when the chat changed meanwhile', async () => {
    const t = await start()
    const first = envelope('chat.new', chatNew())
    await t.deliver(first)
    await t.deliver(envelope('chat.status_updated', { id: 5224081, status: 'opened' }, 1717430700))
    expect(await t.deliver({ ...first, attempts: 1 })).toMatchObject({
      status: 200,
      json: { applied: 0, duplicates: 1 },
    })
    expect(t.chat('5224081')?.state).toBe('active')
    expect(t.changes.map((c) => c.type)).toEqual(['chat.added', 'chat.changed'])
  })

  it('merges a partial chat event with the known chat and ignores an older one', async () => {
    const t = await start()
    await t.deliver(envelope('chat.new', chatNew()))
    await t.deliver(
      envelope('chat.assigned', { chatId: 5224081, assignee: { id: 7, name: 'Dana', email: null } }, 1717430650),
    )
    expect(t.chat('5224081')).toMatchObject({
      state: 'waiting',
      title: 'Paul',
      assignee: { id: '7', name: 'Dana' },
      updatedAt: RECEIVED_AT + 1, // a change: above the held version
    })
    expect((await t.deliver(envelope('chat.closed', { id: 5224081 }, 1717430800))).json).toMatchObject({ applied: 1 })
    expect(t.chat('5224081')).toMatchObject({ state: 'closed', assignee: { name: 'Dana' } })
    const late = await t.deliver(envelope('chat.status_updated', { id: 5224081, status: 'opened' }, 1717430700))
    expect(late).toMatchObject({ status: 200, json: { applied: 0, duplicates: 1 } })
    expect(t.chat('5224081')?.state).toBe('closed')
  })

  it('does not invent a chat from a partial event: it fetches it once instead', async () => {
    let release = () => {}
    const fetchChat = vi.fn(() => new Promise<void>((resolve) => (release = resolve)))
    const t = await start({ fetchChat })
    const answer = await t.deliver(envelope('chat.assigned', { id: 99, assignee: { id: 7, name: 'Dana' } }))
    expect(answer).toMatchObject({ status: 200, json: { applied: 0, pending: 'chat 99 is being fetched' } })
    await t.deliver(
      envelope('message.chat.customer', { chat_id: 99, message: { text: 'hi', createdAt: '1717430600.5' } }),
    )
    expect(t.chat('99')).toBeUndefined()
    expect(fetchChat.mock.calls).toEqual([['99']])
    release()
  })

  it('marks the chat unread with the customer message, but not for an agent reply', async () => {
    const t = await start()
    await t.deliver(envelope('chat.new', { ...chatNew(), readByAgent: true }))
    const message = { text: 'Is anyone there?', createdAt: '1717430612.713', id: 1 }
    await t.deliver(envelope('message.chat.customer', { chat_id: 5224081, customer: {}, message }))
    expect(t.chat('5224081')).toMatchObject({
      unread: true,
      lastMessageText: 'Is anyone there?',
      lastMessageAt: 1717430612713,
      lastCustomerMessageAt: 1717430612713,
      updatedAt: RECEIVED_AT + 1,
    })
    await t.engine.dispatcher.runUntrusted('chat.read', { key: 'helpcrunch:5224081' })
    const reply = { text: 'Yes, hello!', createdAt: '1717430620', id: 2 }
    await t.deliver(envelope('message.chat.agent', { chat_id: 5224081, agent: {}, message: reply }))
    // The agent spoke last: the customer's last message stays what it was.
    expect(t.chat('5224081')).toMatchObject({
      unread: false,
      lastMessageText: 'Yes, hello!',
      lastMessageAt: 1717430620000,
      lastCustomerMessageAt: 1717430612713,
    })
    // The same message again under a new delivery id changes nothing.
    const again = await t.deliver(envelope('message.chat.agent', { chat_id: 5224081, message: reply }))
    expect(again.json).toMatchObject({ applied: 0, duplicates: 1 })
  })

  it('answers customer events 200 and changes nothing', async () => {
    const t = await start()
    const answer = await t.deliver(envelope('customer.new', { id: 1, name: 'x' }))
    expect(answer).toMatchObject({
      status: 200,
      json: { applied: 0, ignored: expect.stringContaining('customer.new') },
    })
    expect(t.engine.store.size).toBe(0)
  })

  it.each([
    ['no event', { eventData: {}, id: 'x' }, /field "event"/],
    ['eventData not an object', { event: 'chat.new', eventData: [1], id: 'x' }, /field "eventData"/],
    ['no delivery id', { event: 'chat.new', eventData: {} }, /field "id"/],
    ['a chat event without a chat id', envelope('chat.new', { status: 'new' }), /no chat id/],
    ['a chat event with a bad field', envelope('chat.new', { id: 1, status: 'new', createdAt: 'soon' }), /"createdAt"/],
    ['a message event without chat_id', envelope('message.chat.customer', { message: {} }), /no chat id/],
    ['an array', [], /expected object/],
    ['a string', 'chat.new', /expected object/],
  ])(
    'answers 200 to a signed %s it cannot apply, naming the field and keeping it as a dead letter',
    async (_label, delivery, reason) => {
      const deadLetters = new DeadLetters(null, silentLogger, () => 0)
      const t = await start({ deadLetters })
      const answer = await t.deliver(typeof delivery === 'string' ? JSON.stringify(delivery) : delivery)
      expect(answer).toMatchObject({
        status: 200,
        json: { applied: 0, invalid: [{ index: 0, reason: expect.stringMatching(reason) }] },
      })
      expect(deadLetters.list()).toEqual([
        { at: 0, source: 'helpcrunch', reason: expect.stringMatching(reason), item: expect.any(String) },
      ])
      expect(t.route.warnings().join(' ')).toMatch(/1 signed event\(s\) could not be applied/)
    },
  )

  it('refreshes through the API the chat of a signed event it cannot apply', async () => {
    const fetchChat = vi.fn(async () => {})
    const t = await start({ fetchChat })
    const answer = await t.deliver(envelope('chat.new', { chat_id: 42, status: 'new', createdAt: 'soon' }))
    expect(answer).toMatchObject({ status: 200, json: { refreshing: 'chat 42 is refreshed through the API' } })
    expect(fetchChat.mock.calls).toEqual([['42']])
  })

  it('takes an assignee given by id only, keeping the known name of that agent', async () => {
    const t = await start()
    await t.deliver(envelope('chat.new', { ...chatNew(), assignee: { id: 7, name: 'Dana' } }))
    await t.deliver(envelope('chat.assigned', { id: 5224081, assignee: 7 }, 1717430650))
    expect(t.chat('5224081')?.assignee).toMatchObject({ id: '7', name: 'Dana' })
    await t.deliver(envelope('chat.assigned', { id: 5224081, assignee: '8' }, 1717430660))
    expect(t.chat('5224081')?.assignee).toEqual({ id: '8', name: null, email: null })
  })

  it('does not take an event dated more than a day ahead of its clock', async () => {
    const t = await start()
    const answer = await t.deliver(envelope('chat.new', chatNew(), 253_402_214_400_000)) // 9999-12-31 (in ms)
    expect(answer).toMatchObject({ status: 200, json: { applied: 0, invalid: [{ reason: /more than a day/ }] } })
    expect(t.chat('5224081')).toBeUndefined()
  })

  it('remembers delivery ids across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-tray-hc-ids-'))
    try {
      const path = join(dir, 'helpcrunch-deliveries.ndjson')
      const first = await start({ seenIds: new DeliveryIds(path, silentLogger, () => 0) })
      const delivery = envelope('chat.new', chatNew())
      expect((await first.deliver(delivery)).json).toMatchObject({ applied: 1 })
      await listener?.stop()
      // A new process: empty store, the retry of the same delivery id arrives.
      const second = await start({ seenIds: new DeliveryIds(path, silentLogger, () => 0) })
      expect((await second.deliver({ ...delivery, attempts: 1 })).json).toMatchObject({ applied: 0, duplicates: 1 })
      expect(second.chat('5224081')).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('answers 400 to bad JSON', async () => {
    const t = await start()
    expect((await t.deliver('{"event":')).status).toBe(400)
  })

  it('answers 401 to a missing, wrong or truncated signature', async () => {
    const t = await start()
    const body = JSON.stringify(envelope('chat.new', chatNew()))
    for (const headers of [
      {} as Record<string, string>,
      { 'x-helpcrunch-signature': hcSignature(body, 'other-key') },
      { 'x-helpcrunch-signature': hcSignature(body, key).slice(0, 20) },
      { 'x-helpcrunch-signature': hcSignature(`${body}\n`, key) },
    ]) {
      expect((await send(t.url, { path: '/webhooks/helpcrunch', body, headers })).status).toBe(401)
    }
    expect(t.engine.store.size).toBe(0)
  })

  it('refuses with 403 when no signing key is set (no lasting warning: anyone can send one), unless unsigned deliveries are allowed', async () => {
    const t = await start({ signingKey: () => null })
    expect(t.route.warnings()).toEqual([])
    const refused = await t.deliver(envelope('chat.new', chatNew()), null)
    expect(refused).toMatchObject({
      status: 403,
      json: { error: expect.stringMatching(/no HelpCrunch webhook signing key/) },
    })
    expect(t.route.warnings()).toEqual([])
    expect(t.engine.statuses().flatMap((s) => s.warnings)).toEqual([])
    await listener?.stop()
    const open = await start({ signingKey: () => null, allowUnsigned: () => true })
    expect((await open.deliver(envelope('chat.new', chatNew()), null)).status).toBe(200)
    expect(open.route.warnings()[0]).toMatch(/unsigned deliveries are accepted/)
  })
})

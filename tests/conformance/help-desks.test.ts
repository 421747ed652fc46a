/**
 * The help desks' documentation as a test suite: every JSON example of the endpoints and webhooks the app uses
 * (`tests/fixtures/help-desks/`, each file with the URL it came from) goes through the real client, transform,
 * ordering rule and store — or the real webhook route — and the chat (or error, or request) that results is
 * what the fixture's `expect` says.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createEngine } from '../../electron/core/engine/engine'
import { silentLogger } from '../../electron/core/engine/log'
import { DeadLetters } from '../../electron/core/engine/persistence/dead-letters'
import { createHttpServer, type HttpServer } from '../../electron/core/http/server'
import { HelpCrunchClient } from '../../electron/core/sources/helpcrunch/client'
import { HelpCrunchError, isChatNotFound } from '../../electron/core/sources/helpcrunch/errors'
import { HelpCrunchOrdering } from '../../electron/core/sources/helpcrunch/ordering'
import { openStatusFilter } from '../../electron/core/sources/helpcrunch/status-filter'
import { TokenBucket } from '../../electron/core/sources/helpcrunch/token-bucket'
import { helpCrunchToChat } from '../../electron/core/sources/helpcrunch/transform'
import { subdomainFromOrganization } from '../../electron/core/sources/helpcrunch/web-url'
import { createHelpCrunchWebhookRoute } from '../../electron/core/sources/helpcrunch/webhook'
import { ddSignature, hcSignature, send, startTestListener, type TestListener } from '../helpers/webhooks'

const DIR = join(import.meta.dirname, '..', 'fixtures', 'help-desks')
const KEY = 'hc_conformance_key_0001'
const SIGNING_KEY = 'hc_conformance_signing_key'
const DD_SECRET = 'dd-conformance-secret-000000000000'
const SENT_AT = 1_900_000_000_000

/** One example of a fixture file. */
interface Example {
  name: string
  kind: string
  method?: string
  path?: string
  status?: number
  body: unknown
  expect: Expectation
}

/** What an example must come to (each kind reads its own fields). */
interface Expectation {
  total?: number | null
  chats?: ({ key: string } & Record<string, unknown>)[]
  chat?: { key: string } & Record<string, unknown>
  call?: 'setStatus' | 'assign' | 'snooze' | 'markRead'
  args?: unknown[]
  server?: string
  shape?: string
  statusValueForm?: 'codes'
  error?: { kind: string; code?: string; chatNotFound?: boolean }
  agents?: unknown[]
  domain?: string | null
  subdomain?: string | null
  held?: Record<string, unknown>
  answer?: { status: number; applied: number; reason?: string }
  deadLetters?: number
}

/** A fixture file: where its examples come from, and the examples. */
interface Fixture {
  source: string
  title: string
  note?: string
  examples: Example[]
}

const fixtures = (desk: string) =>
  readdirSync(join(DIR, desk))
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(DIR, desk, file), 'utf8')) as Fixture }))

const cases = (desk: string) =>
  fixtures(desk).flatMap(({ file, fixture }) =>
    fixture.examples.map((example) => [`${file}: ${example.name}`, fixture, example] as const),
  )

/** A client whose requests are recorded and answered by `answer`. */
function clientAnswering(answer: (method: string, path: string, body: unknown) => Response) {
  const sent: { method: string; path: string; body: unknown }[] = []
  const client = new HelpCrunchClient({
    baseUrl: 'https://api.helpcrunch.com/v1',
    apiKey: KEY,
    bucket: new TokenBucket(120),
    clock: { now: () => SENT_AT, setTimeout: () => null, clearTimeout: () => {} },
    fetch: (async (input, init) => {
      const path = new URL(String(input)).pathname.replace(/^\/v1/, '')
      const body = init?.body ? JSON.parse(String(init.body)) : undefined
      sent.push({ method: init?.method ?? 'GET', path, body })
      return answer(init?.method ?? 'GET', path, body)
    }) as typeof fetch,
  })
  return { client, sent }
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })

/** Applies `chats` (answered at SENT_AT) through the ordering rule into a fresh store; returns the store. */
function merged(chats: readonly import('../../shared/chat').Chat[]) {
  const engine = createEngine({ log: silentLogger, now: () => SENT_AT })
  const context = engine.contextFor('helpcrunch')
  const ordering = new HelpCrunchOrdering((key) => context.held(key))
  context.ingest(chats.flatMap((chat) => ordering.snapshot(chat, SENT_AT) ?? []))
  return engine.store
}

/** The answer the fake server gives a quick-action request, for the documented server variants. */
function variantServer(variant: string | undefined) {
  const chat = { id: 1, status: 'opened' }
  return (_method: string, path: string, body: unknown): Response => {
    const b = body as Record<string, unknown>
    if (variant === 'uk' && path === '/chats/status' && b.status === 'opened')
      return json(400, { errors: [{ code: 'invalid_chat_value', message: 'status value is invalid' }] })
    if (variant === 'snoozeAsString' && typeof b.snoozedUntil === 'number')
      return json(400, { errors: [{ code: 'snoozedUntil', message: 'This value should be of type string.' }] })
    if (variant === 'readRoute' && path === '/chats/readByAgent')
      return json(404, { errors: [{ code: 'not_found', message: 'No route found for "PUT /chats/readByAgent"' }] })
    return json(200, chat)
  }
}

let server: HttpServer | undefined
let listener: TestListener | undefined
afterEach(async () => {
  await server?.stop()
  await listener?.stop()
  server = undefined
  listener = undefined
})

describe('HelpCrunch documentation examples', () => {
  it('every fixture names the page it came from', () => {
    for (const { file, fixture } of [...fixtures('helpcrunch'), ...fixtures('deskdirector')]) {
      expect(fixture.source, file).toMatch(/^https:\/\/(docs\.helpcrunch\.com|help\.deskdirector\.com)\//)
      expect(fixture.examples.length, file).toBeGreaterThan(0)
    }
  })

  it.each(cases('helpcrunch'))('%s', async (_label, _fixture, example) => {
    const expected = example.expect
    switch (example.kind) {
      case 'chat-list': {
        const { client } = clientAnswering(() => json(example.status ?? 200, example.body))
        const page = await client.listChats({ sort: 'chats.lastMessageAt', order: 'desc', offset: 0, limit: 100 })
        expect(page.invalid).toEqual([])
        expect(page.total).toBe(expected.total)
        const chats = expected.chats ?? []
        expect(page.chats).toHaveLength(chats.length)
        const store = merged(page.chats)
        for (const [i, chat] of chats.entries()) {
          expect(page.chats[i]).toMatchObject(chat)
          expect(store.get(chat.key)).toMatchObject({ ...chat, updatedAt: SENT_AT })
        }
        break
      }
      case 'chat': {
        const { client } = clientAnswering(() => json(example.status ?? 200, example.body))
        const { chat, sentAt } = await client.getChat(String((example.body as { id: number }).id))
        expect(sentAt).toBe(SENT_AT)
        expect(chat).toMatchObject(expected.chat ?? {})
        expect(merged([chat]).get(chat.key)).toMatchObject({ ...expected.chat, updatedAt: SENT_AT })
        break
      }
      case 'request': {
        const { client, sent } = clientAnswering(variantServer(expected.server))
        const [id, arg] = (expected.args ?? []) as [string, unknown]
        if (expected.call === 'setStatus') await client.setStatus(id, arg as string)
        else if (expected.call === 'assign') await client.assign(id, arg as string | null)
        else if (expected.call === 'snooze') await client.snooze(id, arg as number)
        else if (expected.call === 'markRead') await client.markRead(id)
        else throw new Error(`no such call ${expected.call}`)
        // What the client sent last (after any documented fallback) is exactly the documented request.
        expect(sent.at(-1)).toEqual({ method: example.method, path: example.path, body: example.body })
        break
      }
      case 'search-request': {
        const body = example.body as { filter: { field: string; operator: string; value: unknown }[] }
        const { client, sent } = clientAnswering(() => json(200, { data: [], total: 0 }))
        await client.searchChats(
          openStatusFilter('codes'),
          { sort: 'chats.createdAt', order: 'desc', offset: 0, limit: 100 },
          'OR',
        )
        const ours = sent[0]?.body as Record<string, unknown>
        for (const key of Object.keys(body)) expect(Object.keys(ours), key).toContain(key)
        for (const filter of ours.filter as Record<string, unknown>[])
          expect(Object.keys(filter).sort()).toEqual(Object.keys(body.filter[0] ?? {}).sort())
        if (expected.statusValueForm === 'codes') {
          const documented = body.filter.find((f) => f.field === 'chats.status')?.value
          expect(documented).toMatch(/^\d+$/)
          for (const f of ours.filter as { value: unknown }[]) expect(f.value).toMatch(/^\d+$/)
        }
        break
      }
      case 'error': {
        const { client } = clientAnswering(() => json(example.status as number, example.body))
        const error = await client.getChat('1').then(
          () => null,
          (e: unknown) => e,
        )
        expect(error).toBeInstanceOf(HelpCrunchError)
        const e = error as HelpCrunchError
        const want = expected.error ?? { kind: '' }
        expect({ status: e.status, kind: e.kind }).toEqual({ status: example.status, kind: want.kind })
        if (want.code !== undefined) expect(e.code).toBe(want.code)
        if (want.chatNotFound !== undefined) expect(isChatNotFound(e)).toBe(want.chatNotFound)
        break
      }
      case 'agents': {
        const { client } = clientAnswering(() => json(200, example.body))
        expect(await client.agents()).toEqual(expected.agents)
        break
      }
      case 'organization': {
        const { client } = clientAnswering(() => json(200, example.body))
        const { domain } = await client.organization()
        expect(domain).toBe(expected.domain)
        expect(subdomainFromOrganization(domain)).toBe(expected.subdomain)
        break
      }
      case 'webhook': {
        const engine = createEngine({ log: silentLogger, now: () => SENT_AT })
        const context = engine.contextFor('helpcrunch')
        const ordering = new HelpCrunchOrdering((key) => context.held(key))
        const deadLetters = new DeadLetters(null, silentLogger, () => SENT_AT)
        if (expected.held) {
          const held = helpCrunchToChat(expected.held)
          if (!held.ok) throw new Error(held.error)
          context.ingest([ordering.snapshot(held.chat, SENT_AT - 60_000) ?? held.chat])
        }
        const route = createHelpCrunchWebhookRoute({
          context,
          signingKey: () => SIGNING_KEY,
          allowUnsigned: () => false,
          ownsStatus: () => true,
          now: () => SENT_AT,
          ordering,
          deadLetters,
        })
        server = createHttpServer({ host: '127.0.0.1', port: 0, log: silentLogger, health: () => ({}) })
        server.route(route.path, route.handler)
        const { url } = await server.start()
        const raw = JSON.stringify(example.body)
        const answer = await send(url, {
          path: example.path as string,
          body: raw,
          headers: { 'x-helpcrunch-signature': hcSignature(raw, SIGNING_KEY) },
        })
        const want = expected.answer ?? { status: 0, applied: 0 }
        expect(answer.status).toBe(want.status)
        expect(answer.json).toMatchObject({ applied: want.applied })
        if (want.reason)
          expect((answer.json as { invalid: { reason: string }[] }).invalid[0]?.reason).toContain(want.reason)
        if (expected.chat) expect(engine.store.get(expected.chat.key)).toMatchObject(expected.chat)
        if (expected.deadLetters !== undefined)
          expect(deadLetters.list('helpcrunch')).toHaveLength(expected.deadLetters)
        break
      }
      default:
        throw new Error(`unknown example kind "${example.kind}"`)
    }
  })
})

describe('DeskDirector documentation examples', () => {
  it.each(cases('deskdirector'))('%s', async (_label, _fixture, example) => {
    listener = await startTestListener({ secrets: { 'deskdirector.secrets': DD_SECRET } })
    const raw = JSON.stringify(example.body)
    const answer = await send(listener.url, {
      path: example.path as string,
      body: raw,
      headers: { 'x-dd-signature': ddSignature(raw, DD_SECRET) },
    })
    const { answer: want, chat } = example.expect
    expect(answer.status).toBe(want?.status)
    expect(answer.json).toMatchObject({ applied: want?.applied, invalid: [] })
    expect(listener.runtime.engine.store.get(chat?.key ?? '')).toMatchObject(chat ?? {})
  })
})

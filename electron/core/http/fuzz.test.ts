/**
 * Property-based test of the whole listener: 10,000 generated and mutated requests (bodies, signatures,
 * headers, methods, paths) over keep-alive connections, with valid signed deliveries mixed in.
 */
import { Agent } from 'node:http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deskDirectorSeedBody } from '../../../tests/helpers/seeds'
import {
  ddSession,
  ddSignature,
  hcSignature,
  send,
  startTestListener,
  type TestListener,
} from '../../../tests/helpers/webhooks'

const DOCUMENTED = new Set([200, 400, 401, 403, 404, 405, 408, 413, 421, 503])
const ddSecrets = ['fuzz-dd-secret-one-000000000000', 'fuzz-dd-secret-two-111111111111']
const hcKey = 'fuzz-hc-signing-key'
const RUNS = 500
const BATCH = 20

type Route = 'dd' | 'hc'
type Mutation =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'json'; value: unknown }
  | { kind: 'bytes'; bytes: Uint8Array }
type Signing = 'correct' | 'of-original' | 'none' | 'garbage' | 'other-secret'
interface Plan {
  valid: boolean
  route: Route
  base: number
  mutation: Mutation
  signing: Signing
  encoding: 'hex' | 'HEX' | 'base64'
  method: string
  path: string | null
  contentType: string | null
  chunked: boolean
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'none' }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
)

const plan: fc.Arbitrary<Plan> = fc.record({
  valid: fc.boolean(),
  route: fc.constantFrom<Route>('dd', 'hc'),
  base: fc.nat({ max: 9 }),
  mutation,
  signing: fc.constantFrom<Signing>('correct', 'correct', 'of-original', 'none', 'garbage', 'other-secret'),
  encoding: fc.constantFrom('hex', 'HEX', 'base64'),
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: fc.option(fc.oneof(fc.constant('/health'), fc.stringMatching(/^\/[a-z0-9/_.-]{0,24}$/)), { freq: 8 }),
  contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'x/\u00e9', ''), { nil: null }),
  chunked: fc.boolean(),
})

function baseBody(route: Route, index: number): string {
  if (route === 'dd') {
    if (index === 0) return deskDirectorSeedBody()
    return JSON.stringify([ddSession({ id: `mut-${index}`, status: ['created', 'handled', 'missed'][index % 3] })])
  }
  return JSON.stringify({
    event: index % 2 ? 'chat.status_updated' : 'message.chat.customer',
    eventData: { id: index, chat_id: index, status: 'opened', message: { text: 'x', createdAt: '1717430600.1' } },
    attempts: 0,
    lastAttemptAt: 1717430600,
    createdAt: 1717430600,
    id: `mut-delivery-${index}`,
  })
}

function mutate(original: Buffer, m: Mutation): Buffer {
  const at = (n: number) => (original.length === 0 ? 0 : n % original.length)
  switch (m.kind) {
    case 'none':
      return original
    case 'truncate':
      return original.subarray(0, at(m.at))
    case 'insert':
      return Buffer.concat([original.subarray(0, at(m.at)), Buffer.from(m.text), original.subarray(at(m.at))])
    case 'flip': {
      const copy = Buffer.from(original)
      if (copy.length > 0) copy[at(m.at)] = (copy[at(m.at)] as number) ^ (1 << m.bit)
      return copy
    }
    case 'json':
      return Buffer.from(JSON.stringify(m.value) ?? 'null')
    case 'bytes':
      return Buffer.from(m.bytes)
  }
}

function signature(route: Route, body: Buffer, p: Plan): Record<string, string> {
  const secret =
    p.signing === 'other-secret' ? 'not-configured' : route === 'dd' ? (ddSecrets[p.base % 2] as string) : hcKey
  if (p.signing === 'none') return {}
  if (p.signing === 'garbage') return { [route === 'dd' ? 'x-dd-signature' : 'x-helpcrunch-signature']: 'sha256=zz' }
  const signed = p.signing === 'of-original' ? Buffer.concat([body, Buffer.from(' ')]) : body
  return route === 'dd'
    ? { 'x-dd-signature': ddSignature(signed, secret, p.encoding) }
    : { 'x-helpcrunch-signature': hcSignature(signed, secret) }
}

let t: TestListener
let agent: Agent
const rejections: unknown[] = []
const onRejection = (reason: unknown) => rejections.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onRejection)
  t = await startTestListener({
    secrets: { 'deskdirector.secrets': ddSecrets.join(','), 'helpcrunch.signingKey': hcKey },
  })
  agent = new Agent({ keepAlive: true, maxSockets: 16 })
})
afterAll(async () => {
  agent.destroy()
  await t.stop()
  process.off('unhandledRejection', onRejection)
})

describe('listener under generated input', () => {
  it(`answers ${RUNS * BATCH} generated requests with documented codes and applies every valid delivery`, async () => {
    let serial = 0
    const expectedKeys: string[] = []
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: BATCH, maxLength: BATCH }), async (plans) => {
        const answers = await Promise.all(
          plans.map(async (p) => {
            const n = ++serial
            if (p.valid) {
              const body =
                p.route === 'dd'
                  ? JSON.stringify([ddSession({ id: `valid-${n}`, lastModifiedDateTime: 1_700_000_000 + n })])
                  : JSON.stringify({
                      event: 'chat.new',
                      eventData: { id: 900_000_000 + n, status: 'new', customer: { name: `c${n}` } },
                      createdAt: 1_717_430_600 + n,
                      id: `valid-delivery-${n}`,
                    })
              const headerRecord: Record<string, string> =
                p.route === 'dd'
                  ? { 'x-dd-signature': ddSignature(body, ddSecrets[n % 2] as string, p.encoding) }
                  : { 'x-helpcrunch-signature': hcSignature(body, hcKey) }
              const answer = await send(t.url, {
                path: `/webhooks/${p.route === 'dd' ? 'deskdirector' : 'helpcrunch'}`,
                body,
                headers: headerRecord,
                agent,
              })
              expectedKeys.push(p.route === 'dd' ? `deskdirector:valid-${n}` : `helpcrunch:${900_000_000 + n}`)
              return { answer, valid: true }
            }
            const body = mutate(Buffer.from(baseBody(p.route, p.base)), p.mutation)
            const headers: Record<string, string> = { ...signature(p.route, body, p) }
            if (p.contentType !== null) headers['content-type'] = p.contentType
            if (p.chunked) headers['transfer-encoding'] = 'chunked'
            const path = p.path ?? `/webhooks/${p.route === 'dd' ? 'deskdirector' : 'helpcrunch'}`
            const withBody = p.method !== 'GET' && p.method !== 'HEAD'
            const answer = await send(t.url, {
              method: p.method,
              path,
              body: withBody ? body : undefined,
              headers,
              agent,
            })
            return { answer, valid: false }
          }),
        )
        for (const { answer, valid } of answers) {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
          if (!DOCUMENTED.has(answer.status)) throw new Error(`undocumented status ${answer.status}`)
          if (valid && (answer.status !== 200 || (answer.json as { applied: number }).applied !== 1))
            throw new Error(`valid delivery not applied: ${answer.status} ${JSON.stringify(answer.json)}`)
        }
        return true
      }),
      { numRuns: RUNS },
    )
    expect(serial).toBe(RUNS * BATCH)
    const held = new Set(t.chats().map((c) => c.key))
    expect(expectedKeys.filter((key) => !held.has(key))).toEqual([])
    expect(expectedKeys.length).toBeGreaterThan(RUNS * BATCH * 0.4)
    expect(rejections).toEqual([])
    // The generator must reach every class of answer, or the property proves little.
    for (const code of [200, 400, 401, 404, 405]) expect(statuses.get(code) ?? 0).toBeGreaterThan(0)
  }, 120_000)
})

/**
 * The supervisor board's sign-in from outside, over HTTP on loopback: the cookie's flags, a lead-only session
 * with an expiry, CSRF refusals (another origin, no origin, a missing CSRF value), and the stream refused without
 * a session. The page itself, the stream and axe run in Chromium (tests/e2e/board.e2e.test.ts).
 */
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import type { HubAgent } from '../../../shared/protocol/hub'
import { silentLogger } from '../../core/engine/log'
import { createHttpServer } from '../../core/http/server'
import { createAuthThrottle } from './auth-throttle'
import { BOARD_COOKIE, isLead, registerBoard, sameOrigin } from './board'
import { createBoardSessions } from './board-sessions'

const LEAD = { token: 'tok-lead-0123456789abcdef', agent: { name: 'Ana Ruiz', me: {}, tier: 'lead' } }
const AGENT = { token: 'tok-mia-0123456789abcdef', agent: { name: 'Mia Novak', me: {}, tier: '1' } }

let stop: (() => Promise<void>) | null = null
afterEach(async () => {
  await stop?.()
  stop = null
})

const SCRIPT = Buffer.from(`console.log(${JSON.stringify('board '.repeat(200))})`)

async function board(options: { page?: string } = {}) {
  let clock = 1_000_000
  const known = new Map<string, HubAgent>([
    [LEAD.token, LEAD.agent as HubAgent],
    [AGENT.token, AGENT.agent as HubAgent],
  ])
  const tokens = { lookup: (token: string) => known.get(token) ?? null, close() {} }
  const sessions = createBoardSessions({ now: () => clock, lookup: tokens.lookup, isLead, ttlMs: 60_000 })
  const streams: string[] = []
  const listener = createHttpServer({ host: '127.0.0.1', port: 0, log: silentLogger, health: () => ({}) })
  registerBoard(listener, {
    files: {
      page: options.page === undefined ? null : Buffer.from(options.page),
      assets: new Map([
        ['/board/assets/app.js', { body: SCRIPT, type: 'text/javascript; charset=utf-8', gzip: gzipSync(SCRIPT) }],
      ]),
    },
    sessions,
    tokens,
    throttle: createAuthThrottle({ failuresPerMinute: 3, log: silentLogger }),
    isLead,
    targets: () => ({ ticketbox: 120 }),
    breachesToday: () => ['ticketbox:9'],
    openStream: (caller, _req, res) => {
      streams.push(caller.agent.name)
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end()
    },
    now: () => clock,
  })
  const { url } = await listener.start()
  stop = () => listener.stop()
  const origin = url
  const signIn = (token: string, from: string | null = origin) =>
    fetch(`${url}/board/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(from ? { origin: from } : {}) },
      body: new URLSearchParams({ token }).toString(),
    })
  return { url, origin, signIn, sessions, streams, known, advance: (ms: number) => (clock += ms) }
}

const cookieOf = (answer: Response) => (answer.headers.get('set-cookie') ?? '').split(';')[0] as string

describe('the board sign-in', () => {
  it('gives a lead an HttpOnly, SameSite=Strict cookie scoped to /board, and the session to the page', async () => {
    const b = await board()
    const answer = await b.signIn(LEAD.token)
    expect(answer.status).toBe(303)
    expect(answer.headers.get('location')).toBe('/board')
    const setCookie = answer.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(
      new RegExp(`^${BOARD_COOKIE}=[\\w-]{40,}; Path=/board; HttpOnly; SameSite=Strict; Max-Age=60$`),
    )
    expect(setCookie).not.toContain(LEAD.token)
    const session = await fetch(`${b.url}/board/session`, { headers: { cookie: cookieOf(answer) } })
    expect(session.status).toBe(200)
    const body = await session.json()
    expect(body).toMatchObject({
      agent: { name: 'Ana Ruiz' },
      firstResponseSeconds: { ticketbox: 120 },
      breachesToday: ['ticketbox:9'],
    })
    expect(JSON.stringify(body)).not.toContain(LEAD.token)
    expect(await fetch(`${b.url}/board/session`).then((r) => r.status)).toBe(401)
  })

  it('refuses an unknown token and a token that is not a lead’s, in words the page shows', async () => {
    const b = await board()
    const unknown = await b.signIn('tok-nobody-0123456789abcdef')
    expect([unknown.status, unknown.headers.get('location'), unknown.headers.get('set-cookie')]).toEqual([
      303,
      '/board?refused=token',
      null,
    ])
    const agent = await b.signIn(AGENT.token)
    expect([agent.status, agent.headers.get('location'), agent.headers.get('set-cookie')]).toEqual([
      303,
      '/board?refused=tier',
      null,
    ])
    expect(b.sessions.count()).toBe(0)
  })

  it('throttles guessing per address: past the budget even the right token is answered 429', async () => {
    const b = await board()
    for (let i = 0; i < 3; i++) await b.signIn(`tok-guess-${i}-0123456789abcdef`)
    const refused = await b.signIn(LEAD.token)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).not.toBeNull()
  })

  it('refuses a sign-in POSTed from another origin or without an Origin (CSRF), before looking at the token', async () => {
    const b = await board()
    for (const from of ['https://evil.example', 'null', null]) {
      const answer = await b.signIn(LEAD.token, from)
      expect(answer.status).toBe(403)
      expect(answer.headers.get('set-cookie')).toBeNull()
    }
    expect(b.sessions.count()).toBe(0)
  })

  it('compares a Host without a port (a proxy passing $host) by name, and one with a port exactly', () => {
    const req = (origin: string, host: string) => ({ headers: { origin, host } }) as never
    expect(sameOrigin(req('https://hub.example.com', 'hub.example.com'))).toBe(true)
    expect(sameOrigin(req('http://127.0.0.1:8443', '127.0.0.1'))).toBe(true)
    expect(sameOrigin(req('http://127.0.0.1:8443', '127.0.0.1:8444'))).toBe(false)
    expect(sameOrigin(req('https://evil.example', 'hub.example.com'))).toBe(false)
    expect(sameOrigin(req('https://hub.example.com.evil.example', 'hub.example.com'))).toBe(false)
  })

  it('signs out only with the session’s CSRF value from the board’s own origin, and clears the cookie', async () => {
    const b = await board()
    const cookie = cookieOf(await b.signIn(LEAD.token))
    const { csrf } = (await fetch(`${b.url}/board/session`, { headers: { cookie } }).then((r) => r.json())) as {
      csrf: string
    }
    const signOut = (form: Record<string, string>, origin = b.origin) =>
      fetch(`${b.url}/board/sign-out`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      })
    expect((await signOut({})).status).toBe(403)
    expect((await signOut({ csrf: 'x'.repeat(32) })).status).toBe(403)
    expect((await signOut({ csrf }, 'https://evil.example')).status).toBe(403)
    expect(b.sessions.count()).toBe(1)
    const out = await signOut({ csrf })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${BOARD_COOKIE}=; Path=/board; .*Max-Age=0`))
    expect(await fetch(`${b.url}/board/session`, { headers: { cookie } }).then((r) => r.status)).toBe(401)
  })

  it('ends a session at its expiry, and as soon as its token is no longer a lead’s', async () => {
    const b = await board()
    const first = cookieOf(await b.signIn(LEAD.token))
    b.advance(60_001)
    expect(await fetch(`${b.url}/board/session`, { headers: { cookie: first } }).then((r) => r.status)).toBe(401)
    const second = cookieOf(await b.signIn(LEAD.token))
    b.known.set(LEAD.token, { ...LEAD.agent, tier: '2' } as HubAgent)
    expect(await fetch(`${b.url}/board/session`, { headers: { cookie: second } }).then((r) => r.status)).toBe(401)
  })

  it('opens the stream for a signed-in lead only; never on a GET that has no session', async () => {
    const b = await board()
    expect((await fetch(`${b.url}/board/stream`)).status).toBe(401)
    const cookie = cookieOf(await b.signIn(LEAD.token))
    expect((await fetch(`${b.url}/board/stream`, { headers: { cookie } })).status).toBe(200)
    expect(b.streams).toEqual(['Ana Ruiz'])
  })

  it('serves the page with a strict CSP, and says in words when the board was not built', async () => {
    const built = await board({ page: '<!doctype html><title>board</title>' })
    const page = await fetch(`${built.url}/board`)
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    await stop?.()
    const missing = await board()
    const answer = await fetch(`${missing.url}/board`)
    expect(answer.status).toBe(503)
    expect(((await answer.json()) as { error: string }).error).toMatch(/not built/)
  })

  it('serves an asset gzipped to a browser that takes it, as it is to one that does not', async () => {
    const b = await board()
    const zipped = await fetch(`${b.url}/board/assets/app.js`, { headers: { 'accept-encoding': 'gzip' } })
    expect([zipped.status, zipped.headers.get('content-encoding'), zipped.headers.get('vary')]).toEqual([
      200,
      'gzip',
      'accept-encoding',
    ])
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(SCRIPT.length / 4)
    expect(await zipped.text()).toBe(SCRIPT.toString())
    const plain = await fetch(`${b.url}/board/assets/app.js`, { headers: { 'accept-encoding': 'identity' } })
    expect([plain.headers.get('content-encoding'), Number(plain.headers.get('content-length'))]).toEqual([
      null,
      SCRIPT.length,
    ])
  })
})

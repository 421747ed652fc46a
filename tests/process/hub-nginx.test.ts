/**
 * The hub behind Debian's nginx with the shipped deploy/nginx.conf (TLS off): events arrive one by one, not
 * buffered; Last-Event-ID passes through; webhook signatures still verify (the raw body is untouched); the
 * supervisor board signs in through it and its stream (/board/stream) is not buffered either.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HeadlessProcess } from '../helpers/headless'
import {
  AGENTS,
  DD_SECRET,
  ddChat,
  deliverDd,
  openStream,
  postCommand,
  readyUrl,
  startHub,
  tempDir,
  writeTokens,
} from '../helpers/hub'
import { nginxInstalled, startNginx } from '../helpers/nginx'

const TOKEN = AGENTS[0]?.token as string
let hub: HeadlessProcess | undefined
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined
let dir: string | undefined
afterEach(() => {
  hub?.child.kill('SIGKILL')
  nginx?.child.kill('SIGKILL')
  if (dir) rmSync(dir, { recursive: true, force: true })
})
const chatKeyOf = (data: unknown) => (data as { chat?: { key: string } }).chat?.key

// CI installs nginx (.ci/run); a developer machine without it skips, and says so.
describe.skipIf(!nginxInstalled() && process.env.CI !== 'true')('hub behind nginx (deploy/nginx.conf)', () => {
  it('streams events one by one, passes Last-Event-ID, keeps webhook bodies intact', async () => {
    dir = tempDir('hub-nginx')
    // A heartbeat far away: nothing but the events themselves could push buffered bytes through.
    hub = startHub({
      tokens: writeTokens(join(dir, 'tokens.json')),
      stateDir: join(dir, 'hub'),
      env: { CHAT_TRAY_HUB_HEARTBEAT_MS: '15000' },
    })
    const direct = await readyUrl(hub)
    nginx = await startNginx(join(dir, 'nginx'), Number(new URL(direct).port))
    const proxied = nginx.url

    const stream = await openStream(proxied, TOKEN)
    expect(stream.response.status).toBe(200)
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream')
    await stream.waitFor((m) => m.event === 'snapshot')
    // Each event alone (a few hundred bytes, far below nginx's buffer size) must arrive before the next is made.
    for (const id of ['N1', 'N2', 'N3']) {
      expect((await deliverDd(proxied, [ddChat(id)])).status).toBe(200)
      await stream.waitFor((m) => m.event === 'chat.added' && chatKeyOf(m.data) === `deskdirector:${id}`)
    }
    const second = stream.messages.find((m) => chatKeyOf(m.data) === 'deskdirector:N2')
    stream.close()

    const resumed = await openStream(proxied, TOKEN, second?.id)
    const next = await resumed.waitFor(() => true)
    expect(next.event).not.toBe('snapshot')
    // The change right after N2, by id (ids follow the clock: the next is larger, not necessarily by one).
    const afterSecond = stream.messages[stream.messages.indexOf(second as (typeof stream.messages)[number]) + 1]
    expect(next.id).toBe(afterSecond?.id)
    await resumed.waitFor((m) => chatKeyOf(m.data) === 'deskdirector:N3')
    resumed.close()

    // A signature over the exact bytes verifies through the proxy; a tampered body does not.
    const body = JSON.stringify([ddChat('SIG')])
    const { createHmac } = await import('node:crypto')
    const signature = `sha256=${createHmac('sha256', DD_SECRET).update(body).digest('hex')}`
    const post = (text: string) =>
      fetch(`${proxied}/webhooks/deskdirector`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dd-signature': signature },
        body: text,
      })
    expect((await post(body.replace('SIG', 'SIH'))).status).toBe(401)
    expect((await post(body)).status).toBe(200)
    const snapshot = await postCommand(proxied, TOKEN, '{"id":"1","command":"snapshot.get"}')
    expect(snapshot.status).toBe(200)
    const keys = (snapshot.json as { result: { chats: { key: string }[] } }).result.chats.map((c) => c.key)
    expect(keys).toContain('deskdirector:SIG')
    expect((await postCommand(proxied, null, '{"id":"1","command":"snapshot.get"}')).status).toBe(401)
  }, 60_000)

  it('serves the board through the proxy: sign-in sees the public origin, /board/stream events come one by one', async () => {
    dir = tempDir('hub-nginx-board')
    const lead = { token: 'tok-lead-0123456789abcdef', agent: 'Lea Lead', tier: 'lead' }
    hub = startHub({
      tokens: writeTokens(join(dir, 'tokens.json'), [...AGENTS, lead]),
      stateDir: join(dir, 'hub'),
      env: { CHAT_TRAY_HUB_HEARTBEAT_MS: '15000' },
    })
    nginx = await startNginx(join(dir, 'nginx'), Number(new URL(await readyUrl(hub)).port))
    const proxied = nginx.url
    const signIn = await fetch(`${proxied}/board/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: new URL(proxied).origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${lead.token}`,
    })
    expect([signIn.status, signIn.headers.get('location')]).toEqual([303, '/board'])
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string
    const { createParser } = await import('eventsource-parser')
    const abort = new AbortController()
    const response = await fetch(`${proxied}/board/stream`, { headers: { cookie }, signal: abort.signal })
    expect(response.status).toBe(200)
    const events: { event?: string; data: string }[] = []
    const parser = createParser({ onEvent: (e) => events.push({ event: e.event, data: e.data }) })
    const reading = (async () => {
      const decoder = new TextDecoder()
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
          parser.feed(decoder.decode(chunk, { stream: true }))
      } catch {}
    })()
    const arrived = async (test: (e: { event?: string; data: string }) => boolean) => {
      for (let i = 0; i < 200 && !events.some(test); i++) await new Promise((r) => setTimeout(r, 50))
      return events.some(test)
    }
    expect(await arrived((e) => e.event === 'snapshot')).toBe(true)
    for (const id of ['B1', 'B2']) {
      expect((await deliverDd(proxied, [ddChat(id)])).status).toBe(200)
      expect(
        await arrived((e) => e.event === 'chat.added' && chatKeyOf(JSON.parse(e.data)) === `deskdirector:${id}`),
      ).toBe(true)
    }
    abort.abort()
    await reading
  }, 60_000)
})

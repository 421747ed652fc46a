/**
 * Nothing one token does silences the rest of the team (issue 24, items 1 and 2), probed as an adversary would:
 * a desktop looping commands, a token holding every connection, streams that never read, a bad-token flood.
 */
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import {
  AGENTS,
  ddChat,
  deliverDd,
  openStream,
  postCommand,
  processesPerTest,
  readyUrl,
  startClient,
  startHub,
  waitForChat,
  writeTokens,
} from '../helpers/hub'

const scope = processesPerTest()
const { track } = scope
const [MIA, LEO] = AGENTS as [(typeof AGENTS)[0], (typeof AGENTS)[1]]
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface HubHealth {
  hub: {
    streams: { open: number; dropped: Record<string, number>; refused: { full: number } }
    commands: { refused: number; throttled: { agent: string }[] }
    auth: { failures: number; throttled: number; addressesThrottled: number }
  }
}
const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as HubHealth

async function hub(env: Record<string, string> = {}, tokens: readonly unknown[] = AGENTS, helpcrunchUrl?: string) {
  const dir = scope.dir('hub-fair')
  const host = track(
    startHub({
      tokens: writeTokens(join(dir, 'tokens.json'), tokens),
      stateDir: join(dir, 'hub'),
      env,
      helpcrunchUrl,
      pollSeconds: 5,
    }),
  )
  return { host, url: await readyUrl(host), dir }
}

describe('fair shares on the hub', () => {
  it("a desktop looping agents.list is throttled and told so; the team's polling goes on", async () => {
    const fake = createFakeHelpCrunch({ apiKey: 'hc_hub_test_key_0123' })
    scope.onCleanup(() => fake.close())
    const { host, url, dir } = await hub({}, AGENTS, await fake.listen())
    await host.waitFor((e) => e.type === 'source.status' && e.status.source === 'helpcrunch' && e.status.state === 'ok')
    const mia = track(startClient(url, MIA.token, join(dir, 'mia')))
    const leo = track(startClient(url, LEO.token, join(dir, 'leo')))
    for (const desktop of [mia, leo])
      await desktop.waitFor((e) => e.type === 'source.status' && e.status.source === 'hub' && e.status.state === 'ok')

    // Leo's token in a retry loop (a stuck agent picker, a stolen token): four loops ignoring Retry-After.
    let looping = true
    scope.onCleanup(() => {
      looping = false
    })
    const answers: { status: number; json: unknown; retryAfter: string | null }[] = []
    const loop = async () => {
      while (looping) {
        const response = await fetch(`${url}/v1/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${LEO.token}`, 'content-type': 'application/json' },
          body: '{"id":"loop","command":"agents.list","source":"helpcrunch"}',
        }).catch(() => null)
        if (!response) return // the hub is gone (the test failed and stopped it)
        answers.push({
          status: response.status,
          json: await response.json(),
          retryAfter: response.headers.get('retry-after'),
        })
        await sleep(20)
      }
    }
    const loops = Array.from({ length: 4 }, loop)
    const loopStart = Date.now()
    await sleep(2_000)
    const chat = fake.db.addChat({ status: 'new' })
    // The new chat still reaches the team through the hub's polling.
    await waitForChat(mia, `helpcrunch:${chat.id}`)
    const polls = fake.log.filter((e) => e.at >= loopStart && e.path !== '/agents').length
    // Leo's own desktop is refused too, with the time to wait, and its hub status says why.
    const refused = await leo.command('agents.list', { source: 'helpcrunch' })
    looping = false
    await Promise.all(loops)
    expect(polls).toBeGreaterThan(0)
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } })
    await leo.waitFor(
      (e) =>
        e.type === 'source.status' &&
        e.status.source === 'hub' &&
        e.status.warnings.some((w) => w.includes("refusing this desktop's commands")),
    )
    const throttled = answers.filter((a) => a.status === 429)
    expect(throttled.length).toBeGreaterThan(answers.length / 2)
    expect(throttled[0]).toMatchObject({
      json: { id: 'loop', ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } },
      retryAfter: expect.stringMatching(/^\d+$/),
    })
    // Mia's share is untouched.
    expect(
      (await postCommand(url, MIA.token, '{"id":"m","command":"agents.list","source":"helpcrunch"}')).json,
    ).toMatchObject({ ok: true })
    expect((await health(url)).hub.commands.throttled.map((t) => t.agent)).toEqual(['Leo Brandt'])
    expect(host.stderr()).toContain('commands of one token throttled')
  }, 90_000)

  it('one token cannot take the hub off the air: it holds a few streams, others and webhooks keep theirs', async () => {
    const team = Array.from({ length: 8 }, (_, i) => ({
      token: `tok-team-${i}-0123456789abcdef`,
      agent: `Agent ${i}`,
      me: {},
    }))
    const { url } = await hub({ CHAT_TRAY_HUB_MAX_CONNECTIONS: '32' }, [...AGENTS, ...team])
    // Leo's token opens 40 streams: each new one closes one of its own, never anyone else's.
    const hog: Awaited<ReturnType<typeof openStream>>[] = []
    for (let i = 0; i < 40; i++) hog.push(await openStream(url, LEO.token).catch(() => null as never))
    const mia = await openStream(url, MIA.token)
    expect(mia.response.status).toBe(200)
    await mia.waitFor((m) => m.event === 'snapshot')
    expect((await deliverDd(url, [ddChat('HOG-1')])).status).toBe(200)
    await mia.waitFor((m) => m.event === 'chat.added')
    const afterHog = (await health(url)).hub.streams
    expect(afterHog.open).toBe(5)
    expect(afterHog.dropped.evicted).toBe(36)

    // Eight more tokens with four streams each: the streams run out, the webhooks' connections do not.
    const answers: number[] = []
    for (const member of team)
      for (let i = 0; i < 4; i++) {
        const stream = await openStream(url, member.token)
        answers.push(stream.response.status)
        hog.push(stream)
      }
    // 32 connections leave 24 to streams: the 5th agent's 4th stream replaces its own 1st; agents 6–8 wait.
    expect(answers.filter((s) => s === 503)).toHaveLength(12)
    expect((await deliverDd(url, [ddChat('HOG-2')])).status).toBe(200)
    await mia.waitFor((m) => m.event === 'chat.added' && JSON.stringify(m.data).includes('HOG-2'))
    expect((await health(url)).hub.streams).toMatchObject({ open: 24, refused: { full: 12 } })
    for (const stream of [...hog, mia]) stream?.close()
  }, 60_000)

  it('streams that never read are dropped at the catch-up deadline; a reading desktop is not disturbed', async () => {
    const { url, dir } = await hub({ CHAT_TRAY_HUB_CATCHUP_MS: '1500', CHAT_TRAY_HUB_STREAMS_PER_TOKEN: '8' })
    // A snapshot of about 8 MB: more than the kernel's socket buffers hold for a reader that never reads.
    for (let batch = 0; batch < 15; batch++)
      await deliverDd(
        url,
        Array.from({ length: 100 }, (_, i) => ({ ...ddChat(`BIG-${batch}-${i}`), name: 'x'.repeat(5_000) })),
      )
    const target = new URL(url)
    const stuck: Socket[] = []
    for (let i = 0; i < 6; i++) {
      const socket = connect(Number(target.port), target.hostname)
      socket.on('error', () => {})
      socket.write(`GET /v1/stream HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${LEO.token}\r\n\r\n`)
      socket.pause()
      stuck.push(socket)
    }
    scope.onCleanup(() => {
      for (const socket of stuck) socket.destroy()
    })
    const mia = track(startClient(url, MIA.token, join(dir, 'mia')))
    await waitForChat(mia, 'deskdirector:BIG-14-99')
    await expect.poll(async () => (await health(url)).hub.streams.dropped.catchUp, { timeout: 20_000 }).toBe(6)
    expect((await health(url)).hub.streams.open).toBe(1)
    await deliverDd(url, [ddChat('AFTER')])
    await waitForChat(mia, 'deskdirector:AFTER')
  }, 90_000)

  it('bad-token guesses are throttled per address, counted in /health and logged without the token', async () => {
    const { host, url } = await hub()
    const guesses = Array.from({ length: 200 }, (_, i) => `tok-guess-${String(i).padStart(4, '0')}-0123456789`)
    const statuses: number[] = []
    for (let i = 0; i < guesses.length; i += 10)
      statuses.push(
        ...(await Promise.all(
          guesses.slice(i, i + 10).map(async (guess, j) => {
            if (j % 2) return (await postCommand(url, guess, '{"id":"g","command":"snapshot.get"}')).status
            const response = await fetch(`${url}/v1/stream`, { headers: { authorization: `Bearer ${guess}` } })
            await response.body?.cancel()
            return response.status
          }),
        )),
      )
    const unauthorized = statuses.filter((s) => s === 401).length
    expect(unauthorized).toBeGreaterThanOrEqual(10)
    expect(unauthorized).toBeLessThanOrEqual(12)
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - unauthorized)
    // While this address is throttled, its requests are refused whatever the token (guessing tells nothing) …
    expect((await postCommand(url, MIA.token, '{"id":"s","command":"snapshot.get"}')).status).toBe(429)
    // … and a desktop at another address is not affected.
    const elsewhere = await new Promise<number>((resolve, reject) => {
      const target = new URL(url)
      const req = request({
        host: target.hostname,
        port: target.port,
        path: '/v1/stream',
        localAddress: '127.0.0.2',
        headers: { authorization: `Bearer ${MIA.token}` },
      })
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0)
        res.destroy()
      })
      req.on('error', reject)
      req.end()
    })
    expect(elsewhere).toBe(200)
    expect((await health(url)).hub.auth).toEqual({
      failures: unauthorized,
      throttled: 201 - unauthorized,
      addressesThrottled: 1,
    })
    expect(host.stderr()).toContain('too many bad tokens from one address')
    expect(host.stderr()).toContain('127.0.0.1')
    for (const guess of guesses) expect(host.stderr()).not.toContain(guess)
  }, 60_000)
})

/**
 * Two hubs behind Debian's nginx with the shipped deploy/nginx-cluster.conf (TLS off): nginx accepts the config,
 * both hubs answer /ready, and a desktop's stream whose hub is killed reconnects through the same URL, with its
 * Last-Event-ID, to the other hub (passive health checks and proxy_next_upstream), which then streams it what
 * happens. Without Redis (this branch's hubs share nothing) the other hub answers the unknown id with a snapshot.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HeadlessProcess } from '../helpers/headless'
import { AGENTS, ddChat, deliverDd, openStream, readyUrl, startHub, tempDir, writeTokens } from '../helpers/hub'
import { freePort, nginxInstalled, startNginx, testClusterConfig, testNginxConfig } from '../helpers/nginx'

const TOKEN = AGENTS[0]?.token as string
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
const chatKeyOf = (data: unknown) => (data as { chat?: { key: string } }).chat?.key
/** Open streams on a hub, from its /health. */
const openStreams = async (url: string) =>
  ((await (await fetch(`${url}/health`)).json()) as { hub: { streams: { open: number } } }).hub.streams.open

// CI installs nginx (.ci/run); a developer machine without it skips, and says so.
describe.skipIf(!nginxInstalled() && process.env.CI !== 'true')('two hubs behind nginx (nginx-cluster.conf)', () => {
  it('nginx -t accepts the shipped two-hub config', async () => {
    const dir = tempDir('nginx-cluster-t')
    cleanups.push(async () => (await import('node:fs')).rmSync(dir, { recursive: true, force: true }))
    const site = testClusterConfig(await freePort(), [4757, 4758])
    const checked = testNginxConfig(join(dir, 'nginx'), site)
    expect(checked.output).toContain('syntax is ok')
    expect(checked.status).toBe(0)
  })

  it('both hubs are ready; a stream whose hub dies resumes through nginx on the other', async () => {
    const dir = tempDir('hub-nginx-cluster')
    cleanups.push(async () => (await import('node:fs')).rmSync(dir, { recursive: true, force: true }))
    const tokens = writeTokens(join(dir, 'tokens.json'))
    const hubs: HeadlessProcess[] = ['a', 'b'].map((name) => startHub({ tokens, stateDir: join(dir, name) }))
    for (const hub of hubs) cleanups.push(() => hub.child.kill('SIGKILL'))
    const urls = await Promise.all(hubs.map(readyUrl))
    for (const url of urls)
      await expect.poll(async () => (await fetch(`${url}/ready`)).status, { timeout: 10_000 }).toBe(200)
    const ports = urls.map((url) => Number(new URL(url).port)) as [number, number]
    const nginx = await startNginx(join(dir, 'nginx'), ports[0], (port) => testClusterConfig(port, ports))
    cleanups.push(() => nginx.child.kill('SIGKILL'))
    expect((await fetch(`${nginx.url}/ready`)).status).toBe(200)

    const first = await openStream(nginx.url, TOKEN)
    cleanups.push(() => first.close())
    await first.waitFor((m) => m.event === 'snapshot')
    const serving = (await openStreams(urls[0] as string)) === 1 ? 0 : 1
    const other = 1 - serving
    expect(await openStreams(urls[serving] as string)).toBe(1)
    // Straight to the serving hub: these hubs share no feed, and nginx may send a delivery to either.
    expect((await deliverDd(urls[serving] as string, [ddChat('F1')])).status).toBe(200)
    const seen = await first.waitFor((m) => chatKeyOf(m.data) === 'deskdirector:F1')
    // The hub serving the stream dies; the other one takes the desktop back through the same URL.
    hubs[serving]?.child.kill('SIGKILL')
    await hubs[serving]?.exited
    await expect.poll(first.closed).toBe(true)

    const resumed = await openStream(nginx.url, TOKEN, seen.id)
    cleanups.push(() => resumed.close())
    expect(resumed.response.status).toBe(200)
    // This hub never had that id (no shared feed here): a snapshot, not a guess.
    expect((await resumed.waitFor(() => true)).event).toBe('snapshot')
    expect(await openStreams(urls[other] as string)).toBe(1)
    expect((await deliverDd(nginx.url, [ddChat('F2')])).status).toBe(200)
    await resumed.waitFor((m) => chatKeyOf(m.data) === 'deskdirector:F2')
  }, 60_000)

  it("keeps a lead's board on the hub that signed them in (ip_hash): every request finds the session", async () => {
    const dir = tempDir('hub-nginx-cluster-board')
    cleanups.push(async () => (await import('node:fs')).rmSync(dir, { recursive: true, force: true }))
    const lead = { token: 'tok-lead-0123456789abcdef', agent: 'Lea Lead', tier: 'lead' }
    const tokens = writeTokens(join(dir, 'tokens.json'), [...AGENTS, lead])
    const hubs: HeadlessProcess[] = ['a', 'b'].map((name) => startHub({ tokens, stateDir: join(dir, name) }))
    for (const hub of hubs) cleanups.push(() => hub.child.kill('SIGKILL'))
    const urls = await Promise.all(hubs.map(readyUrl))
    const ports = urls.map((url) => Number(new URL(url).port)) as [number, number]
    const nginx = await startNginx(join(dir, 'nginx'), ports[0], (port) => testClusterConfig(port, ports))
    cleanups.push(() => nginx.child.kill('SIGKILL'))

    const signIn = await fetch(`${nginx.url}/board/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: new URL(nginx.url).origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${lead.token}`,
    })
    expect(signIn.status).toBe(303)
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string
    // Round robin would send every other request to the hub that never saw this session (401 there).
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push((await fetch(`${nginx.url}/board/session`, { headers: { cookie } })).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200])
    const abort = new AbortController()
    cleanups.push(() => abort.abort())
    const stream = await fetch(`${nginx.url}/board/stream`, { headers: { cookie }, signal: abort.signal })
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
  }, 60_000)
})

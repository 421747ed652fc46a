/**
 * Two hubs on one real redis-server behind Debian's nginx with the shipped deploy/nginx-cluster.conf (TLS off),
 * three desktops streaming through nginx, the fake HelpCrunch and signed DeskDirector deliveries: the leader is
 * SIGKILLed mid-stream and mid-burst; the other hub takes the lease; every desktop resumes through nginx with
 * Last-Event-ID and, from its first change on, sees exactly the changes the surviving hub logged — none lost, none
 * twice; every delivery of the burst is answered (a sender retries a 5xx, as DeskDirector does) and shows once;
 * HelpCrunch is never asked more than its budget. Skipped outside CI without nginx or redis-server.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import {
  AGENTS,
  ddChat,
  deliverDd,
  HC_KEY,
  openStream,
  processesPerTest,
  readyUrl,
  type StreamMessage,
  startHub,
  writeTokens,
} from '../helpers/hub'
import { nginxInstalled, startNginx, testClusterConfig } from '../helpers/nginx'
import { REDIS_SKIP_REASON, redisInstalled, startRedis } from '../helpers/redis'

const run = (redisInstalled() && nginxInstalled()) || process.env.CI === 'true'
const skipped = run ? '' : ` — skipped: needs nginx and ${REDIS_SKIP_REASON}`
const { track, dir: testDir, onCleanup } = processesPerTest()
const keyOf = (m: StreamMessage) => (m.data as { chat?: { key: string } }).chat?.key ?? (m.data as { key?: string }).key

async function role(url: string): Promise<string | undefined> {
  const health = (await (await fetch(`${url}/health`)).json()) as { hub?: { cluster?: { role: string } } }
  return health.hub?.cluster?.role
}

/** Posts a delivery until it is answered 2xx, as a sender retries a failing webhook. */
async function deliverUntilAnswered(url: string, id: string): Promise<number> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const status = await deliverDd(url, [ddChat(id)]).then(
      (r) => r.status,
      () => 0,
    )
    if (status === 200) return attempt
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`delivery ${id} never answered`)
}

describe.skipIf(!run)(`two hubs on Redis behind nginx (nginx-cluster.conf)${skipped}`, () => {
  it('the leader killed mid-burst: every desktop resumes through nginx and misses nothing, sees nothing twice', async () => {
    const dir = testDir('hub-redis-nginx')
    const redis = await startRedis(dir)
    onCleanup(() => redis.stop())
    const fake = createFakeHelpCrunch({ apiKey: HC_KEY })
    onCleanup(() => fake.close())
    const helpcrunchUrl = await fake.listen()
    const tokens = writeTokens(join(dir, 'tokens.json'))
    const env = { CHAT_TRAY_REDIS_URL: redis.url, CHAT_TRAY_HUB_LEASE_MS: '1500' }
    const a = track(startHub({ tokens, stateDir: join(dir, 'a'), helpcrunchUrl, env }))
    const aUrl = await readyUrl(a)
    await expect.poll(() => role(aUrl), { timeout: 10_000 }).toBe('leader')
    const b = track(startHub({ tokens, stateDir: join(dir, 'b'), helpcrunchUrl, env }))
    const bUrl = await readyUrl(b)
    const ports = [aUrl, bUrl].map((url) => Number(new URL(url).port)) as [number, number]
    const nginx = await startNginx(join(dir, 'nginx'), ports[0], (port) => testClusterConfig(port, ports))
    onCleanup(() => nginx.child.kill('SIGKILL'))

    // The reference: what the surviving hub streams, straight from it.
    const reference = await openStream(bUrl, AGENTS[2]?.token as string)
    onCleanup(() => reference.close())
    await reference.waitFor((m) => m.event === 'snapshot')
    const desktops = await Promise.all(AGENTS.map((agent) => openStream(nginx.url, agent.token)))
    for (const desktop of desktops) {
      onCleanup(() => desktop.close())
      await desktop.waitFor((m) => m.event === 'snapshot')
    }

    // A burst through nginx; the leader dies in the middle of it.
    const ids = Array.from({ length: 12 }, (_, i) => `BURST-${i}`)
    const hcChat = fake.db.addChat({ status: 'new' })
    const burst = (async () => {
      for (const id of ids) await deliverUntilAnswered(nginx.url, id)
    })()
    await reference.waitFor((m) => keyOf(m) === 'deskdirector:BURST-3', 20_000)
    a.child.kill('SIGKILL')
    await a.exited
    await burst
    const late = fake.db.addChat({ status: 'new' })
    await expect.poll(() => role(bUrl), { timeout: 10_000 }).toBe('leader')
    await deliverUntilAnswered(nginx.url, 'LAST')

    const lastKey = 'deskdirector:LAST'
    const wanted = [...ids.map((id) => `deskdirector:${id}`), `helpcrunch:${hcChat.id}`, `helpcrunch:${late.id}`]
    await reference.waitFor((m) => keyOf(m) === lastKey, 20_000)
    // The new leader's first poll may finish after LAST (a webhook) arrived: each change comes, in its own time.
    for (const key of wanted)
      await expect(reference.waitFor((m) => keyOf(m) === key, 20_000).then(() => key)).resolves.toBe(key)
    const refIds = reference.messages.filter((m) => m.event !== 'snapshot').map((m) => m.id)

    let resumes = 0
    for (const [index, desktop] of desktops.entries()) {
      let messages = desktop.messages
      // A desktop whose hub died resumes through nginx with its last id.
      if (desktop.closed() || !messages.some((m) => keyOf(m) === lastKey)) {
        await expect.poll(() => desktop.closed() || messages.some((m) => keyOf(m) === lastKey)).toBe(true)
      }
      if (!messages.some((m) => keyOf(m) === lastKey)) {
        const resumed = await openStream(nginx.url, AGENTS[index]?.token as string, messages.at(-1)?.id)
        onCleanup(() => resumed.close())
        await resumed.waitFor((m) => keyOf(m) === lastKey, 20_000)
        expect(resumed.messages[0]?.event).not.toBe('snapshot')
        messages = [...messages, ...resumed.messages]
        resumes++
      }
      const seen = messages.filter((m) => m.event !== 'snapshot')
      const upTo = seen.slice(0, seen.findIndex((m) => keyOf(m) === lastKey) + 1).map((m) => m.id)
      expect(new Set(upTo).size).toBe(upTo.length)
      const from = refIds.indexOf(upTo[0])
      expect(from).toBeGreaterThanOrEqual(0)
      expect(upTo).toEqual(refIds.slice(from, from + upTo.length))
      // Each delivery of the burst shows once as added on every desktop that followed from before it.
      for (const id of ids.slice(4))
        expect(seen.filter((m) => m.event === 'chat.added' && keyOf(m) === `deskdirector:${id}`)).toHaveLength(1)
    }
    // nginx spreads the streams (least_conn): the killed hub held at least one of them.
    expect(resumes).toBeGreaterThan(0)
    // HelpCrunch's documented budget (120 a minute) was never passed, before, during or after.
    expect(fake.maxRequestsInWindow(60_000)).toBeLessThanOrEqual(120)
  }, 120_000)
})

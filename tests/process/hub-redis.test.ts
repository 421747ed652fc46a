/**
 * Two hubs on one real redis-server (`--redis`, docs/scaling.md), with the fake HelpCrunch, signed deliveries and
 * desktops as stream clients: the leader killed mid-stream and mid-burst → the other hub takes the lease and
 * polls, a desktop resumes there with Last-Event-ID and misses nothing, sees nothing twice; a redelivery through
 * the other hub is recognised; Redis down at start is exit 3; Redis restarted (AOF) while the hubs run → they
 * serve from memory meanwhile, then catch up, each change in the log once. Skipped outside CI without redis-server.
 */
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { createFakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import type { HeadlessProcess } from '../helpers/headless'
import {
  AGENTS,
  ddChat,
  deliverDd,
  HC_KEY,
  openStream,
  postCommand,
  processesPerTest,
  readyUrl,
  type StreamMessage,
  startHub,
  writeTokens,
} from '../helpers/hub'
import { freePort } from '../helpers/nginx'
import { REDIS_SKIP_REASON, redisInstalled, startRedis } from '../helpers/redis'
import { hcSignature } from '../helpers/webhooks'

const run = redisInstalled() || process.env.CI === 'true'
const skipped = run ? '' : ` — skipped: ${REDIS_SKIP_REASON}`
const { track, dir: testDir, onCleanup } = processesPerTest()
const [MIA, LEO] = AGENTS.map((a) => a.token) as [string, string]
const HC_SIGNING = 'hc_cluster_signing_key_0001'
const keyOf = (m: StreamMessage) =>
  (m.data as { chat?: { key: string }; key?: string }).chat?.key ?? (m.data as { key?: string }).key
const changes = (messages: StreamMessage[]) => messages.filter((m) => m.event !== 'snapshot')

async function cluster(options: { helpcrunchUrl?: string; leaseMs?: number } = {}) {
  const dir = testDir('hub-redis')
  const redis = await startRedis(dir)
  onCleanup(() => redis.stop())
  const tokens = writeTokens(join(dir, 'tokens.json'))
  const env = {
    CHAT_TRAY_REDIS_URL: redis.url,
    CHAT_TRAY_HUB_LEASE_MS: String(options.leaseMs ?? 1500),
    HELPCRUNCH_WEBHOOK_KEY: HC_SIGNING,
  }
  const hub = (name: string) =>
    track(startHub({ tokens, stateDir: join(dir, name), helpcrunchUrl: options.helpcrunchUrl, env }))
  return { dir, redis, hub }
}

async function clusterRole(url: string): Promise<string | undefined> {
  const health = (await (await fetch(`${url}/health`)).json()) as { hub?: { cluster?: { role: string } } }
  return health.hub?.cluster?.role
}

async function until(test: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.skipIf(!run)(`two hubs on Redis${skipped}`, () => {
  it('the leader killed mid-stream: the other hub polls, a desktop resumes there and loses or repeats nothing', async () => {
    const fake = createFakeHelpCrunch({ apiKey: HC_KEY })
    onCleanup(() => fake.close())
    const { hub } = await cluster({ helpcrunchUrl: await fake.listen() })
    const a = hub('a')
    const aUrl = await readyUrl(a)
    await until(async () => (await clusterRole(aUrl)) === 'leader')
    const b = hub('b')
    const bUrl = await readyUrl(b)
    expect(await clusterRole(bUrl)).toBe('follower')

    const onA = await openStream(aUrl, MIA)
    const onB = await openStream(bUrl, LEO)
    await onA.waitFor((m) => m.event === 'snapshot')
    await onB.waitFor((m) => m.event === 'snapshot')
    // A burst through both hubs and the leader's poller.
    const before = [fake.db.addChat({ status: 'new' }), fake.db.addChat({ status: 'new' })]
    for (let i = 0; i < 6; i++) expect((await deliverDd(i % 2 ? aUrl : bUrl, [ddChat(`B${i}`)])).status).toBe(200)
    const burst = [...before.map((c) => `helpcrunch:${c.id}`), ...[0, 1, 2, 3, 4, 5].map((i) => `deskdirector:B${i}`)]
    for (const key of burst) {
      await onA.waitFor((m) => keyOf(m) === key, 20_000)
      await onB.waitFor((m) => keyOf(m) === key, 20_000)
    }

    a.child.kill('SIGKILL')
    await a.exited
    const after = fake.db.addChat({ status: 'new' })
    expect((await deliverDd(bUrl, [ddChat('AFTER')])).status).toBe(200)
    await until(async () => (await clusterRole(bUrl)) === 'leader')
    const lastSeen = onA.messages.at(-1)?.id as string
    const resumed = await openStream(bUrl, MIA, lastSeen)
    const last = [`helpcrunch:${after.id}`, 'deskdirector:AFTER']
    for (const key of last) {
      await resumed.waitFor((m) => keyOf(m) === key, 20_000)
      await onB.waitFor((m) => keyOf(m) === key, 20_000)
    }
    expect(resumed.messages[0]?.event).not.toBe('snapshot')

    // Mia's desktop, across both hubs, saw exactly what Leo's saw on B from her first change on: none lost, none twice.
    const through = (messages: StreamMessage[]) =>
      messages.slice(0, messages.findIndex((m) => keyOf(m) === 'deskdirector:AFTER') + 1).map((m) => m.id)
    const mia = through([...changes(onA.messages), ...resumed.messages])
    const leo = through(changes(onB.messages))
    expect(new Set(mia).size).toBe(mia.length)
    expect(mia.length).toBeGreaterThan(burst.length)
    expect(mia).toEqual(leo.slice(leo.indexOf(mia[0])))
    for (const s of [onA, onB, resumed]) s.close()
  }, 90_000)

  it('a delivery or a quick action through both hubs counts once; a snooze made on one shows on the other', async () => {
    const fake = createFakeHelpCrunch({ apiKey: HC_KEY })
    onCleanup(() => fake.close())
    const chat = fake.db.addChat({ status: 'new' })
    const { hub } = await cluster({ helpcrunchUrl: await fake.listen() })
    const a = hub('a')
    const aUrl = await readyUrl(a)
    const b = hub('b')
    const bUrl = await readyUrl(b)
    const onB = await openStream(bUrl, LEO)
    const held = (m: StreamMessage) =>
      keyOf(m) === `helpcrunch:${chat.id}` ||
      (m.event === 'snapshot' && JSON.stringify(m.data).includes(`"key":"helpcrunch:${chat.id}"`))
    await onB.waitFor(held, 20_000)

    const body = JSON.stringify({ event: 'agent.status_changed', eventData: { id: 1 }, id: 'delivery-77' })
    const hc = (url: string) =>
      fetch(`${url}/webhooks/helpcrunch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-helpcrunch-signature': hcSignature(body, HC_SIGNING) },
        body,
      }).then(async (r) => ({ status: r.status, json: await r.json() }))
    expect(await hc(aUrl)).toMatchObject({ status: 200, json: { duplicates: 0 } })
    expect(await hc(bUrl)).toMatchObject({ status: 200, json: { duplicates: 1 } })

    const session = ddChat('RE-1')
    expect(await (await deliverDd(aUrl, [session])).json()).toMatchObject({ applied: 1, duplicates: 0 })
    await onB.waitFor((m) => keyOf(m) === 'deskdirector:RE-1')
    expect(await (await deliverDd(bUrl, [session])).json()).toMatchObject({ applied: 0, duplicates: 1 })

    // The same snooze through A and B at once reaches HelpCrunch once; both desktops are answered ok.
    const snooze = `{"id":"c1","command":"chat.snooze","key":"helpcrunch:${chat.id}","preset":"1h"}`
    const answers = await Promise.all([postCommand(aUrl, MIA, snooze), postCommand(bUrl, LEO, snooze)])
    expect(answers.map((x) => (x.json as { ok: boolean }).ok)).toEqual([true, true])
    expect(fake.log.filter((e) => e.method === 'PUT' && e.path === '/chats/snooze')).toHaveLength(1)

    // A DeskDirector snooze (kept by the hubs) made on A is in B's snapshot.
    const dd = await postCommand(
      aUrl,
      MIA,
      '{"id":"c2","command":"chat.snooze","key":"deskdirector:RE-1","preset":"1h"}',
    )
    expect((dd.json as { ok: boolean }).ok).toBe(true)
    await onB.waitFor(
      (m) =>
        keyOf(m) === 'deskdirector:RE-1' && (m.data as { chat: { snoozedUntil: unknown } }).chat.snoozedUntil !== null,
    )
    // Each hub's metrics: publishes timed as store round trips; exactly one hub says it leads.
    const metric = async (url: string, name: string) => {
      const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${MIA}` } })).text()
      return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1])
    }
    expect(await metric(aUrl, 'chat_tray_hub_store_roundtrip_seconds_count')).toBeGreaterThan(0)
    expect((await metric(aUrl, 'chat_tray_hub_leader')) + (await metric(bUrl, 'chat_tray_hub_leader'))).toBe(1)
    const snapshot = await postCommand(bUrl, LEO, '{"id":"c3","command":"snapshot.get"}')
    const chats = (snapshot.json as { result: { chats: { key: string; snoozedUntil: number | null }[] } }).result.chats
    expect(chats.find((c) => c.key === 'deskdirector:RE-1')?.snoozedUntil).not.toBeNull()
    onB.close()
  }, 60_000)

  it('Redis restarted (AOF) while the hubs run: served from memory meanwhile, then caught up, each change once', async () => {
    const { hub, redis } = await cluster()
    const a = hub('a')
    const b = hub('b')
    const [aUrl, bUrl] = [await readyUrl(a), await readyUrl(b)]
    const onB = await openStream(bUrl, LEO)
    await onB.waitFor((m) => m.event === 'snapshot')
    expect((await deliverDd(aUrl, [ddChat('UP-1')])).status).toBe(200)
    await onB.waitFor((m) => keyOf(m) === 'deskdirector:UP-1')

    await redis.stop()
    await until(async () => ((await (await fetch(`${bUrl}/health`)).json()) as HealthBody).hub.cluster.store === 'down')
    const ready = await fetch(`${bUrl}/ready`)
    expect({ status: ready.status, body: await ready.json() }).toMatchObject({
      status: 503,
      body: { status: 'degraded', store: 'down' },
    })
    expect((await deliverDd(aUrl, [ddChat('DOWN-A')])).status).toBe(200)
    expect((await deliverDd(bUrl, [ddChat('DOWN-B')])).status).toBe(200)
    // B's own change reaches B's desktops at once; A's waits for Redis.
    await onB.waitFor((m) => keyOf(m) === 'deskdirector:DOWN-B')
    const status = await onB.waitFor(
      (m) => m.event === 'source.status' && JSON.stringify(m.data).includes('"code":"hub-degraded"'),
    )
    expect(status).toBeDefined()

    await redis.start()
    await onB.waitFor((m) => keyOf(m) === 'deskdirector:DOWN-A', 20_000)
    expect((await deliverDd(aUrl, [ddChat('BACK')])).status).toBe(200)
    await onB.waitFor((m) => keyOf(m) === 'deskdirector:BACK', 20_000)
    await until(async () => (await fetch(`${bUrl}/ready`)).status === 200)
    const check = new Redis(redis.url)
    onCleanup(() => check.disconnect())
    const log = await check.xrange('chat-tray:events', '-', '+')
    const logged = log.map(([, fields]) => fields[3] as string).filter((d) => d.includes('"deskdirector:'))
    for (const id of ['UP-1', 'DOWN-A', 'DOWN-B', 'BACK'])
      expect(logged.filter((d) => d.includes(`"key":"deskdirector:${id}"`))).toHaveLength(1)
    // DOWN-B went out once on B's stream, under a provisional id, and was not streamed again.
    expect(onB.messages.filter((m) => keyOf(m) === 'deskdirector:DOWN-B')).toHaveLength(1)
    onB.close()
  }, 90_000)

  it('SIGTERM releases the lease before the hub stops (exit 0)', async () => {
    const { hub, redis } = await cluster({ leaseMs: 60_000 })
    const a = hub('a')
    const aUrl = await readyUrl(a)
    await until(async () => (await clusterRole(aUrl)) === 'leader')
    const health = (await (await fetch(`${aUrl}/health`)).json()) as { hub: { cluster: { hub: string } } }
    const check = new Redis(redis.url)
    onCleanup(() => check.disconnect())
    expect(await check.get('chat-tray:leader')).toBe(health.hub.cluster.hub)
    a.child.kill('SIGTERM')
    expect(await a.exited).toBe(0)
    // Released, not left to expire (the lease is a minute).
    expect(await check.get('chat-tray:leader')).toBeNull()
  }, 30_000)

  it('Redis unreachable at start: exit 3 with a clear message, never the password', async () => {
    const dir = testDir('hub-redis-down')
    const port = await freePort()
    const down: HeadlessProcess = track(
      startHub({
        tokens: writeTokens(join(dir, 'tokens.json')),
        stateDir: join(dir, 'hub'),
        env: { CHAT_TRAY_REDIS_URL: `redis://hub:s3cret-pass@127.0.0.1:${port}` },
      }),
    )
    expect(await down.exited).toBe(3)
    expect(down.stderr()).toContain('the shared Redis is unreachable')
    expect(down.stderr()).toContain(`redis://hub:***@127.0.0.1:${port}`)
    expect(down.stderr()).not.toContain('s3cret-pass')
  }, 30_000)
})

interface HealthBody {
  hub: { cluster: { store: string } }
}

/** A TCP proxy to Redis whose traffic can be held (a partition: nothing is lost, nothing gets through). */
async function partitionableProxy(targetPort: number) {
  const { createServer, connect } = await import('node:net')
  const sockets: import('node:net').Socket[] = []
  let held = false
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    sockets.push(client, upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    if (held) for (const s of [client, upstream]) s.pause()
    const close = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', close).on('close', close)
    upstream.on('error', close).on('close', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    port,
    hold(on: boolean) {
      held = on
      for (const s of sockets)
        if (on) s.pause()
        else s.resume()
    },
    close: () => {
      for (const s of sockets) s.destroy()
      server.close()
    },
  }
}

/** An HTTP proxy to the fake HelpCrunch that counts one hub's requests. */
async function countingProxy(target: string) {
  const { createServer } = await import('node:http')
  let count = 0
  const server = createServer(async (req, res) => {
    count++
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>
    const url = `${target.replace(/\/v1$/, '')}${req.url}`
    const answer = await fetch(url, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    })
    res.writeHead(answer.status, Object.fromEntries(answer.headers))
    res.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}/v1`, count: () => count, close: () => server.close() }
}

describe.skipIf(!run)(`a hub partitioned from Redis${skipped}`, () => {
  it('a leader cut off from Redis stops polling by its own clock; never are two hubs leader at once', async () => {
    const fake = createFakeHelpCrunch({ apiKey: HC_KEY })
    onCleanup(() => fake.close())
    fake.db.addChat({ status: 'new' })
    const helpcrunchUrl = await fake.listen()
    const dir = testDir('hub-redis-partition')
    const redis = await startRedis(dir)
    onCleanup(() => redis.stop())
    const proxy = await partitionableProxy(redis.port)
    onCleanup(() => proxy.close())
    const counted = await countingProxy(helpcrunchUrl)
    onCleanup(() => counted.close())
    const tokens = writeTokens(join(dir, 'tokens.json'))
    const env = { CHAT_TRAY_HUB_LEASE_MS: '1500' }
    const a = track(
      startHub({
        tokens,
        stateDir: join(dir, 'a'),
        helpcrunchUrl: counted.url,
        env: { ...env, CHAT_TRAY_REDIS_URL: `redis://127.0.0.1:${proxy.port}` },
      }),
    )
    const aUrl = await readyUrl(a)
    await until(async () => (await clusterRole(aUrl)) === 'leader')
    await until(() => counted.count() > 0)
    const b = track(
      startHub({ tokens, stateDir: join(dir, 'b'), helpcrunchUrl, env: { ...env, CHAT_TRAY_REDIS_URL: redis.url } }),
    )
    const bUrl = await readyUrl(b)

    proxy.hold(true)
    // B first, then A: once B says it leads, A's lease has expired by A's own clock, so A must say follower.
    const both: string[] = []
    let bLeads = false
    for (let i = 0; i < 200 && !bLeads; i++) {
      bLeads = (await clusterRole(bUrl)) === 'leader'
      const aRole = await clusterRole(aUrl)
      if (bLeads && aRole === 'leader') both.push(`sample ${i}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(bLeads).toBe(true)
    expect(both).toEqual([])
    expect(await clusterRole(aUrl)).toBe('follower')
    // A polls no more (a request in flight at the moment it stopped may still finish).
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const after = counted.count()
    await new Promise((resolve) => setTimeout(resolve, 6_000))
    expect(counted.count()).toBe(after)

    proxy.hold(false)
    await until(async () => (await clusterRole(aUrl)) === 'follower' && (await clusterRole(bUrl)) === 'leader')
  }, 90_000)
})

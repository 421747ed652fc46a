/**
 * The Redis feed, lease and shared stores against a real redis-server (skipped outside CI when it is missing):
 * two hubs' feeds send the same ids in the same order, a resume id from one hub resumes on the other, a change
 * published while Redis is down is streamed at once and reaches the log exactly once, a stale fence is ignored,
 * one lease holder at a time, delivery ids and the request budget are shared.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { REDIS_SKIP_REASON, type RedisServer, redisInstalled, startRedis } from '../../../tests/helpers/redis'
import { silentLogger } from '../../core/engine/log'
import { DeliveryIds } from '../../core/engine/persistence/delivery-ids'
import type { StateStores } from '../../core/engine/persistence/state-dir'
import type { FeedEntry } from './change-feed'
import { connectRedis, KEYS, RedisUnreachableError } from './redis-client'
import { createRedisFeed, type RedisFeed, type RemoteChange } from './redis-feed'
import { createLease } from './redis-lease'
import { createRedisState } from './redis-state'

const run = redisInstalled() || process.env.CI === 'true'
/** The skip says which package to install. */
const skipped = run ? '' : ` — skipped: ${REDIS_SKIP_REASON}`

let server: RedisServer | undefined
let dir: string | undefined
const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  await server?.stop()
  server = undefined
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const start = async () => {
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-redis-'))
  server = await startRedis(dir)
  return server
}
const connect = async (name: string) => {
  const client = await connectRedis(server?.url as string, 'redis://test', silentLogger, name)
  closers.push(() => client.disconnect())
  return client
}
const hubFeed = async (hubId: string, maxEntries = 100) => {
  const remote: RemoteChange[] = []
  const feed = createRedisFeed({
    client: await connect(`${hubId}-c`),
    reader: await connect(`${hubId}-r`),
    hubId,
    maxEntries,
    log: silentLogger,
    blockMs: 200,
  })
  closers.push(() => feed.close?.())
  await feed.start((change) => remote.push(change))
  const seen: FeedEntry[] = []
  feed.subscribe((entry) => seen.push(entry))
  return { feed, remote, seen }
}
const until = async (test: () => boolean) => {
  for (let i = 0; i < 400 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 25))
  expect(test()).toBe(true)
}
const added = (feed: RedisFeed, id: string, meta = {}) =>
  feed.publish('chat.added', { chat: makeChat({ sourceId: id, key: `deskdirector:${id}` }) }, meta)

describe.skipIf(!run)(`the Redis feed (real redis-server)${skipped}`, () => {
  it('gives every hub the same ids in the same order; a resume id of one hub resumes on the other', async () => {
    await start()
    const a = await hubFeed('hub-a')
    const b = await hubFeed('hub-b')
    added(a.feed, '1')
    added(b.feed, '2')
    added(a.feed, '3')
    await until(() => a.seen.length === 3 && b.seen.length === 3)
    expect(a.seen.map((e) => e.id)).toEqual(b.seen.map((e) => e.id))
    expect(a.seen.map((e) => e.frame)).toEqual(b.seen.map((e) => e.frame))
    expect(a.seen[0]?.id).toMatch(/^\d+-\d+$/)
    expect(b.feed.since(a.seen[0]?.id as string)?.map((e) => e.id)).toEqual(a.seen.slice(1).map((e) => e.id))
    expect(b.feed.since(a.feed.lastId())).toEqual([])
    expect(b.feed.since('0-1')).toBeNull()
    // Each hub mirrors only the others' changes.
    expect(a.remote.map((r) => (r.data as { chat: { key: string } }).chat.key)).toEqual(['deskdirector:2'])
    // A hub started later reads the log and resumes the same ids.
    const c = await hubFeed('hub-c')
    expect(c.remote).toHaveLength(3)
    expect(c.feed.since(a.seen[1]?.id as string)?.map((e) => e.id)).toEqual([a.seen[2]?.id])
  }, 30_000)

  it('while Redis is down streams at once under a provisional id; back, the change reaches the log once', async () => {
    const redis = await start()
    const a = await hubFeed('hub-a')
    added(a.feed, '1')
    await until(() => a.seen.length === 1)
    await redis.stop()
    await until(() => !a.feed.up())
    added(a.feed, '2')
    added(a.feed, '3')
    expect(a.seen.slice(1).map((e) => e.id)).toEqual([
      expect.stringMatching(/^local-/),
      expect.stringMatching(/^local-/),
    ])
    // A desktop holding the last stream id resumes from memory.
    expect(a.feed.since(a.seen[0]?.id as string)).toHaveLength(2)
    await redis.start()
    await until(() => a.feed.up() && (a.feed.health?.().waiting as number) === 0)
    const check = await connect('check')
    await until(() => a.feed.lastId().includes('-') && !a.feed.lastId().startsWith('local-'))
    const log = await check.xrange(KEYS.events, '-', '+')
    expect(log.map(([, fields]) => JSON.parse(fields[3] as string).chat.key)).toEqual([
      'deskdirector:1',
      'deskdirector:2',
      'deskdirector:3',
    ])
    // Not streamed twice to this hub's desktops; a provisional id now gets a snapshot.
    expect(a.seen).toHaveLength(3)
    expect(a.feed.since(a.seen[1]?.id as string)).toBeNull()
  }, 30_000)

  it('ignores a change stamped with a fence older than one already seen', async () => {
    await start()
    const a = await hubFeed('hub-a')
    const b = await hubFeed('hub-b')
    added(a.feed, 'new-leader', { fence: 5 })
    await until(() => b.seen.length === 1)
    added(b.feed, 'stale-leader', { fence: 4 })
    added(b.feed, 'webhook')
    await until(() => a.seen.length === 2)
    expect(a.seen.map((e) => e.frame.includes('stale-leader'))).toEqual([false, false])
    expect(a.feed.health?.().staleFence).toBe(1)
  }, 30_000)

  it('refuses an unreachable Redis at start', async () => {
    await expect(connectRedis('redis://127.0.0.1:1', 'redis://127.0.0.1:1', silentLogger, 'x', 500)).rejects.toThrow(
      RedisUnreachableError,
    )
  })
})

describe.skipIf(!run)(`the lease and the shared stores (real redis-server)${skipped}`, () => {
  it('one leader at a time; a released lease is taken by the other hub with a higher fence', async () => {
    await start()
    const changes: string[] = []
    const lease = async (hubId: string) => {
      const l = createLease({
        client: await connect(hubId),
        hubId,
        ttlMs: 600,
        log: silentLogger,
        onChange: (leader, fence) => changes.push(`${hubId} ${leader ? 'leads' : 'follows'} ${fence}`),
      })
      closers.push(() => l.release())
      return l
    }
    const a = await lease('a')
    const b = await lease('b')
    await a.start()
    await b.start()
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false])
    await until(() => changes.length === 1)
    await a.release()
    await until(() => b.isLeader())
    expect(changes).toEqual(['a leads 1', 'a follows 1', 'b leads 2'])
  }, 30_000)

  it('a hub cut off from Redis stops acting as leader by its own clock', async () => {
    const redis = await start()
    let now = 0
    const l = createLease({
      client: await connect('a'),
      hubId: 'a',
      ttlMs: 1_000,
      log: silentLogger,
      monotonic: () => now,
      onChange: () => {},
    })
    closers.push(() => l.release())
    await l.start()
    expect(l.isLeader()).toBe(true)
    await redis.stop()
    now = 999
    expect(l.isLeader()).toBe(true)
    now = 1_000
    expect(l.isLeader()).toBe(false)
  }, 30_000)

  it('a delivery id claimed by one hub is a duplicate at the other; the budget is one for both', async () => {
    await start()
    const stores = (client: Redis, hubId: string) => {
      const local = {
        forSource: () => ({ highWaterMark: { get: () => null, set() {} }, deliveryIds: DeliveryIds.inMemory() }),
      }
      return createRedisState(client, hubId, silentLogger).share(local as unknown as StateStores)
    }
    const a = stores(await connect('a'), 'a').forSource('polled-desk')
    const b = stores(await connect('b'), 'b').forSource('polled-desk')
    expect(await a.deliveryIds.claim?.('d-1')).toBe(true)
    expect(await b.deliveryIds.claim?.('d-1')).toBe(false)
    expect(await b.deliveryIds.claim?.('d-2')).toBe(true)
    // 3 a minute for both hubs together: the fourth request waits (here: is still waiting).
    await a.budget?.take(3)
    await b.budget?.take(3)
    await a.budget?.take(3)
    let fourth = false
    void b.budget?.take(3).then(() => {
      fourth = true
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(fourth).toBe(false)
    a.highWaterMark.set(1234)
    const c = createRedisState(await connect('c'), 'c', silentLogger)
    const mark = c
      .share({ forSource: () => ({ deliveryIds: DeliveryIds.inMemory() }) } as unknown as StateStores)
      .forSource('polled-desk').highWaterMark
    for (let i = 0; i < 100 && mark.get() !== 1234; i++) await c.refreshMarks()
    expect(mark.get()).toBe(1234)
    // Snoozes and read marks kept by the hubs: written by one, read by a hub that starts later; a removal too.
    const local = { overlays: { get: () => [], set() {} } } as unknown as StateStores
    const overlays = createRedisState(await connect('d'), 'd', silentLogger).share(local).overlays
    overlays.set([
      ['deskdirector:1', { snoozedUntil: 5000 }, 1],
      ['deskdirector:2', { readAtVersion: 7 }, 2],
    ])
    overlays.set([['deskdirector:2', { readAtVersion: 7 }, 2]])
    const later = createRedisState(await connect('e'), 'e', silentLogger)
    for (let i = 0; i < 100; i++) {
      await later.load()
      if (later.share(local).overlays.get().length === 1) break
    }
    expect(later.share(local).overlays.get()).toEqual([['deskdirector:2', { readAtVersion: 7 }, 2]])
  }, 30_000)
})

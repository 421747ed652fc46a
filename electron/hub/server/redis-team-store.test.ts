/**
 * The team's claims and presence in a real redis-server (skipped outside CI when it is missing): two hubs' stores
 * racing for one chat → one winner, the other told who; every mirror follows; a release only by its holder; a
 * hub started later reads the claims; presence shared; Redis down → a claim is refused `offline`, presence keeps
 * working locally and reaches the other hub once Redis is back; what it cannot read is counted, never a claim.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CommandFailure } from '../../../shared/protocol'
import type { PresenceReport } from '../../../shared/protocol/team'
import { REDIS_SKIP_REASON, type RedisServer, redisInstalled, startRedis } from '../../../tests/helpers/redis'
import { silentLogger } from '../../core/engine/log'
import { connectRedis, KEYS } from './redis-client'
import { createRedisTeamStore } from './redis-team-store'
import { CLAIM_TTL_S } from './redis-team-wire'
import type { TeamChange } from './team-store'

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
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-redis-team-'))
  server = await startRedis(dir)
  return server
}
const connect = async (name: string) => {
  const client = await connectRedis(server?.url as string, 'redis://test', silentLogger, name)
  closers.push(() => client.disconnect())
  return client
}
const hubStore = async (hub: string) => {
  const store = createRedisTeamStore(await connect(`${hub}-c`), await connect(`${hub}-s`), silentLogger)
  closers.push(() => store.close())
  const heard: TeamChange[] = []
  store.subscribe?.((change) => heard.push(change))
  await store.start()
  return { store, heard }
}
const until = async (test: () => boolean) => {
  for (let i = 0; i < 400 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 25))
  expect(test()).toBe(true)
}
const report = (online: boolean): PresenceReport => ({
  online,
  dndUntil: null,
  onShift: null,
  activity: 'active',
  openChat: null,
})
const MIA = { agent: 'Mia', since: 1_000 }
const LEO = { agent: 'Leo', since: 1_001 }

describe.skipIf(!run)(`the team store on Redis (real redis-server)${skipped}`, () => {
  it('lets one of two hubs racing for a chat win; the other is told the winner; both mirrors show it', async () => {
    await start()
    const a = await hubStore('a')
    const b = await hubStore('b')
    const [onA, onB] = await Promise.all([a.store.claim('x:1', MIA), b.store.claim('x:1', LEO)])
    const winner = onA.ok ? MIA : LEO
    expect([onA.ok, onB.ok].filter(Boolean)).toHaveLength(1)
    const lost = (onA.ok ? onB : onA) as { ok: false; held: unknown }
    expect(lost.held).toEqual(winner)
    await until(() => a.store.claimOf('x:1')?.agent === winner.agent && b.store.claimOf('x:1')?.agent === winner.agent)
    // Claiming one's own claim again keeps it as it was.
    expect(await a.store.claim('x:1', { agent: winner.agent, since: 5_000 })).toEqual({ ok: true, claim: winner })
  })

  it('keeps a claim in Redis with an expiry, for a hub started later; only its holder (or the chat ending) drops it', async () => {
    const redis = await start()
    const a = await hubStore('a')
    expect(await a.store.claim('x:2', MIA)).toEqual({ ok: true, claim: MIA })
    const probe = await connect('probe')
    const ttl = await probe.ttl(KEYS.claim('x:2'))
    expect(ttl).toBeGreaterThan(CLAIM_TTL_S - 60)
    expect(ttl).toBeLessThanOrEqual(CLAIM_TTL_S)
    const later = await hubStore('later')
    expect(later.store.claimOf('x:2')).toEqual(MIA)
    expect(later.store.claimCount()).toBe(1)
    await later.store.release('x:2', 'Leo')
    expect(await probe.get(KEYS.claim('x:2'))).toBe(JSON.stringify(MIA))
    await later.store.release('x:2')
    expect(await probe.get(KEYS.claim('x:2'))).toBeNull()
    await until(() => a.store.claimOf('x:2') === undefined)
    expect(a.heard).toContainEqual({ claim: 'x:2' })
    expect(redis.url).toContain('127.0.0.1')
  })

  it('shares presence reports: a report taken on one hub is the other hub’s, and it is told', async () => {
    await start()
    const a = await hubStore('a')
    const b = await hubStore('b')
    a.store.report('Mia', { report: report(true), at: 2_000 })
    await until(() => b.store.reportOf('Mia')?.at === 2_000)
    expect(b.heard).toContainEqual({ report: 'Mia' })
    // An older report (another desktop heard earlier through the other hub) never replaces a newer one.
    b.store.report('Mia', { report: report(false), at: 2_500 })
    await until(() => a.store.reportOf('Mia')?.at === 2_500)
    expect(a.store.reportOf('Mia')?.report.online).toBe(false)
  })

  it('refuses a claim `offline` while Redis is down; presence works locally and reaches the other hub after', async () => {
    const redis = await start()
    const a = await hubStore('a')
    const b = await hubStore('b')
    await redis.stop()
    const refused = await a.store.claim('x:3', MIA).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(CommandFailure)
    expect((refused as CommandFailure).code).toBe('offline')
    expect(a.store.claimOf('x:3')).toBeUndefined()
    a.store.report('Mia', { report: report(true), at: 3_000 })
    expect(a.store.reportOf('Mia')?.at).toBe(3_000)
    await redis.start()
    await until(() => b.store.reportOf('Mia')?.at === 3_000)
    expect(await a.store.claim('x:3', MIA)).toEqual({ ok: true, claim: MIA })
    await until(() => b.store.claimOf('x:3')?.agent === 'Mia')
  }, 30_000)

  it('counts what it cannot read on the channel or in a key, and never lets it through as a claim', async () => {
    await start()
    const a = await hubStore('a')
    const probe = await connect('probe')
    for (const text of ['null', '{"claim":1}', 'not json', '{"report":"Mia","value":{"at":"soon"}}'])
      await probe.publish(KEYS.teamChannel, text)
    await probe.set(KEYS.claim('x:9'), '{"who":"?"}')
    const refused = await a.store.claim('x:9', MIA).catch((error: unknown) => error)
    expect((refused as CommandFailure).code).toBe('internal')
    await a.store.claim('x:4', MIA)
    await until(() => a.store.health().unreadable === 4)
    expect(a.store.claimOf('x:9')).toBeUndefined()
    expect(a.store.reportOf('Mia')).toBeUndefined()
    expect(a.store.claimOf('x:4')).toEqual(MIA)
  })
})

/**
 * The leader lease: exactly one hub runs the pollers of sources only one hub may poll (a help desk's budget may be per
 * organisation). `SET chat-tray:leader <hubId> NX PX ttl` takes it, a Lua compare-and-renew keeps it every
 * `ttl / 3`, a Lua compare-and-delete releases it at stop; each new term takes a fencing token (`INCR
 * chat-tray:fence`) that the leader stamps on what it publishes, so a stale leader's changes are ignored. The
 * lease counts as held only until `sent + ttl` on this hub's own monotonic clock (`sent` = when the last
 * successful take or renew was sent): a hub cut off from Redis stops acting as leader before its key can expire.
 */
import type { Redis } from 'ioredis'
import type { Logger } from '../../core/engine/log'
import { KEYS } from './redis-client'

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

/** Default lease time (ms); renewed every third of it. */
export const LEASE_MS = 15_000

/** Options of the lease. */
export interface LeaseOptions {
  client: Redis
  hubId: string
  ttlMs: number
  log: Logger
  /** This hub's monotonic clock (ms). */
  monotonic?: () => number
  /** Told when this hub becomes leader (with its fence) or stops being one. */
  onChange(leader: boolean, fence: number): void
}

/** A hub's side of the lease. */
export interface Lease {
  /** Tries to take the lease now and keeps trying (or renewing) every third of its time. */
  start(): Promise<void>
  /** True while this hub holds an unexpired lease by its own clock. */
  isLeader(): boolean
  /** The fence of this hub's current term (0 before any). */
  fence(): number
  /** Stops renewing and releases the lease if held (SIGTERM). */
  release(): Promise<void>
}

/** Creates the lease (not started). */
export function createLease(options: LeaseOptions): Lease {
  const { client, hubId, ttlMs, log } = options
  const monotonic = options.monotonic ?? (() => performance.now())
  const everyMs = Math.max(50, Math.floor(ttlMs / 3))
  let validUntil = 0
  let leader = false
  let fence = 0
  let timer: NodeJS.Timeout | null = null
  let expiry: NodeJS.Timeout | null = null
  let stopped = false

  const demote = (why: string) => {
    if (!leader) return
    leader = false
    validUntil = 0
    log.warn('cluster: no longer the leader', { why, fence })
    options.onChange(false, fence)
  }
  const extend = (sentAt: number) => {
    validUntil = sentAt + ttlMs
    if (expiry) clearTimeout(expiry)
    expiry = setTimeout(
      () => {
        if (monotonic() >= validUntil) demote('the lease expired before it could be renewed')
      },
      Math.max(0, validUntil - monotonic()) + 1,
    )
    expiry.unref()
  }
  const tick = async () => {
    const sentAt = monotonic()
    try {
      if (leader) {
        const renewed = await client.eval(RENEW, 1, KEYS.leader, hubId, String(ttlMs))
        if (stopped) return
        if (renewed === 1) extend(sentAt)
        else demote('another hub holds the lease')
        return
      }
      const taken = await client.set(KEYS.leader, hubId, 'PX', ttlMs, 'NX')
      if (taken !== 'OK' || stopped) return
      fence = await client.incr(KEYS.fence)
      extend(sentAt)
      if (monotonic() >= validUntil) return
      leader = true
      log.info('cluster: this hub is the leader', { fence })
      options.onChange(true, fence)
    } catch (error) {
      log.debug('cluster: lease request failed', { error: (error as Error).message })
    }
  }
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(() => void tick().finally(schedule), everyMs)
    timer.unref()
  }

  return {
    async start() {
      await tick()
      schedule()
    },
    isLeader: () => leader && monotonic() < validUntil,
    fence: () => fence,
    async release() {
      stopped = true
      if (timer) clearTimeout(timer)
      if (expiry) clearTimeout(expiry)
      const held = leader
      demote('the hub is stopping')
      if (!held) return
      try {
        await client.eval(RELEASE, 1, KEYS.leader, hubId)
      } catch (error) {
        log.warn('cluster: could not release the lease; it expires by itself', { error: (error as Error).message })
      }
    },
  }
}

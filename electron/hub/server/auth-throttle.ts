/**
 * Bad-token attempts on the hub's routes, throttled per client address: each address may fail a few times
 * (a desktop whose token was just removed retries every 30 s), and past that budget its attempts are answered
 * `429` with `Retry-After` without looking at the token, so guessing is slow and tells nothing. Counted for
 * `/health` and logged with the address, never the token.
 */
import type { IncomingMessage } from 'node:http'
import { isLoopbackHost } from '../../../shared/loopback'
import type { Logger } from '../../core/engine/log'

/** Options of the throttle. */
export interface AuthThrottleOptions {
  /** Failed attempts one address may make per minute (also the burst). */
  failuresPerMinute: number
  log: Logger
  now?: () => number
}

/** The throttle the hub's routes share. */
export interface AuthThrottle {
  /** Milliseconds until `address` may present a token again; 0 = now. A refused attempt is counted. */
  blockedFor(address: string): number
  /** Counts a missing or unknown token from `address`. */
  failed(address: string): void
  /** Counters for `/health`. */
  health(): { failures: number; throttled: number; addressesThrottled: number }
}

/** Addresses remembered at most (oldest forgotten first), so a spray of addresses cannot grow the hub. */
const MAX_ADDRESSES = 10_000

interface Bucket {
  tokens: number
  at: number
  /** Logged as throttled in this episode. */
  warned: boolean
}

/** Creates the throttle. */
export function createAuthThrottle(options: AuthThrottleOptions): AuthThrottle {
  const { log } = options
  const now = options.now ?? Date.now
  const capacity = Math.max(1, options.failuresPerMinute)
  const perMs = capacity / 60_000
  const buckets = new Map<string, Bucket>()
  let failures = 0
  let throttled = 0

  const bucketOf = (address: string): Bucket => {
    const at = now()
    let bucket = buckets.get(address)
    if (!bucket) {
      bucket = { tokens: capacity, at, warned: false }
      buckets.set(address, bucket)
      if (buckets.size > MAX_ADDRESSES) buckets.delete(buckets.keys().next().value as string)
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + (at - bucket.at) * perMs)
    bucket.at = at
    if (bucket.tokens >= capacity) bucket.warned = false
    return bucket
  }
  const waitOf = (bucket: Bucket) => (bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / perMs))

  return {
    blockedFor(address) {
      if (!buckets.has(address)) return 0
      const wait = waitOf(bucketOf(address))
      if (wait > 0) throttled++
      return wait
    },
    failed(address) {
      failures++
      const bucket = bucketOf(address)
      bucket.tokens = Math.max(0, bucket.tokens - 1)
      const wait = waitOf(bucket)
      if (wait === 0) log.info('hub: refused a missing or unknown token', { address })
      else if (!bucket.warned) {
        bucket.warned = true
        log.warn('hub: too many bad tokens from one address; its attempts are refused for a while', {
          address,
          retryAfterMs: wait,
        })
      }
    },
    health() {
      let addressesThrottled = 0
      for (const address of buckets.keys()) if (waitOf(bucketOf(address)) > 0) addressesThrottled++
      return { failures, throttled, addressesThrottled }
    },
  }
}

/**
 * The client's address: the socket's peer, or, when the peer is on loopback (the reverse proxy or tunnel
 * in front of the hub), the last `X-Forwarded-For` entry, which that proxy appended.
 */
export function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown'
  const forwarded = req.headers['x-forwarded-for']
  if (typeof forwarded !== 'string' || !isLoopbackHost(peer)) return peer
  const last = forwarded.split(',').at(-1)?.trim() ?? ''
  return last !== '' && last.length <= 100 ? last : peer
}

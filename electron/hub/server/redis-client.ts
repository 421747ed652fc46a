/**
 * The hubs' connections to their shared Redis (`--redis URL`, docs/scaling.md). ioredis does the protocol, TLS
 * (`rediss://`), AUTH/ACL from the URL and reconnects; this file fixes how: commands fail at once while the link
 * is down (no hidden offline queue: the feed keeps its own, in order, see redis-feed.ts), reconnects back off up
 * to 5 s, and nothing logged ever carries the URL's password.
 */
import { Redis } from 'ioredis'
import type { Logger } from '../../core/engine/log'

/** Every key the hubs use starts with this (the layout is in docs/scaling.md, "Keys"). */
export const KEY_PREFIX = 'chat-tray:'

/** The keys of the cluster. */
export const KEYS = {
  events: `${KEY_PREFIX}events`,
  leader: `${KEY_PREFIX}leader`,
  fence: `${KEY_PREFIX}fence`,
  overlays: `${KEY_PREFIX}overlays`,
  presence: `${KEY_PREFIX}presence`,
  /** The pub/sub channel of claims and reports (not a key). */
  teamChannel: `${KEY_PREFIX}team`,
  claim: (key: string) => `${KEY_PREFIX}claim:${key}`,
  mark: (source: string) => `${KEY_PREFIX}mark:${source}`,
  delivery: (source: string, id: string) => `${KEY_PREFIX}delivery:${source}:${id}`,
  budget: (source: string) => `${KEY_PREFIX}budget:${source}`,
} as const

/** Longest wait between reconnect attempts (ms). */
export const MAX_RECONNECT_MS = 5_000

/** How long a command may go unanswered before the link counts as down (ms). */
export const COMMAND_TIMEOUT_MS = 3_000

/** Redis could not be reached when the hub started (the host exits with `EXIT_REDIS_UNREACHABLE`). */
export class RedisUnreachableError extends Error {}

/** The exit code of a hub whose Redis is unreachable at start (docs/headless.md, "Exit codes"). */
export const EXIT_REDIS_UNREACHABLE = 3

/** The reconnect delay after `attempt` failures: 100 ms doubling, at most `MAX_RECONNECT_MS`. */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_RECONNECT_MS, 100 * 2 ** Math.min(attempt, 10))
}

/** Opens one connection and waits until it is ready; throws `RedisUnreachableError` within `timeoutMs`. */
export async function connectRedis(
  url: string,
  shown: string,
  log: Logger,
  name: string,
  timeoutMs = 5_000,
  /** A command unanswered this long fails (a link that hangs without closing counts as down); 0: never. */
  commandTimeoutMs = COMMAND_TIMEOUT_MS,
): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: timeoutMs,
    ...(commandTimeoutMs > 0 ? { commandTimeout: commandTimeoutMs } : {}),
    keepAlive: 10_000,
    connectionName: name,
    retryStrategy: (attempt) => reconnectDelay(attempt),
  })
  let lastError = ''
  // ioredis emits every failed attempt; one line per outage is enough (the feed says when it is back).
  let down = false
  client.on('error', (error: Error) => {
    lastError = error.message
    if (down) return
    down = true
    log.warn('redis: connection lost; retrying with backoff', { redis: shown, connection: name, error: error.message })
  })
  client.on('ready', () => {
    if (down) log.info('redis: connected again', { redis: shown, connection: name })
    down = false
  })
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(lastError || 'timed out')), timeoutMs).unref(),
  )
  try {
    await Promise.race([client.connect(), timer])
    await Promise.race([client.ping(), timer])
    return client
  } catch (error) {
    client.disconnect()
    const why = lastError || (error as Error).message
    throw new RedisUnreachableError(`Redis at ${shown} is unreachable: ${why}`)
  }
}

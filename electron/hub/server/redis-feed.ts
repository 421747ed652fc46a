/**
 * The change feed on Redis Streams, shared by every hub (`--redis`, docs/scaling.md). `publish` is `XADD
 * chat-tray:events MAXLEN ~ N *` (the stream id is the SSE id); ONE blocking `XREAD` loop per hub, on its own
 * connection, receives every hub's changes in the stream's order and fans them out to this hub's streams (its own
 * included, so every hub sends the same ids in the same order); `since` answers from the hub's copy
 * (feed-mirror.ts), read with `XRANGE` at start. Changes from other hubs are handed to `onRemote` (the hub mirrors
 * them into its store). A change stamped with a fence older than the newest seen comes from a stale leader and is
 * ignored. Redis lost: publishes wait in an outbox, in order, and are streamed at once under provisional ids;
 * back, the outbox is replayed, each change at most once (an `XADD` whose answer was lost is looked up by its uid
 * before it is sent again). Over 150 lines on purpose: publishing, the outbox and the XREAD loop share the link's
 * state and the provisional ids; the stream entry's fields are in redis-entry.ts.
 */
import type { Redis } from 'ioredis'
import type { HubChangeName } from '../../../shared/protocol/hub'
import type { Logger } from '../../core/engine/log'
import type { ChangeFeed, FeedEntry, PublishMeta } from './change-feed'
import { FeedMirror } from './feed-mirror'
import { KEYS } from './redis-client'
import { compareIds, fieldOf, frameOf, isChangeName, metaOf } from './redis-entry'

/** A change of another hub, for the hub to mirror into its store. */
export interface RemoteChange {
  name: HubChangeName
  data: unknown
  meta: PublishMeta
}

/** Options of the Redis feed. */
export interface RedisFeedOptions {
  /** Commands (XADD, XRANGE). */
  client: Redis
  /** The blocking XREAD loop's own connection. */
  reader: Redis
  hubId: string
  maxEntries: number
  log: Logger
  /** How long one XREAD blocks (ms). */
  blockMs?: number
}

/** The Redis feed: the `ChangeFeed` plus what the hub's cluster wiring uses. */
export interface RedisFeed extends ChangeFeed {
  /** Reads the log (XRANGE; each entry goes to `onRemote`) and starts the XREAD loop. */
  start(onRemote: (change: RemoteChange) => void): Promise<void>
  /** True while commands reach Redis. */
  up(): boolean
  /** Told when the link goes down or comes back. */
  onLink(listener: (up: boolean) => void): void
  /** The newest fence seen on the stream. */
  fence(): number
  /** Told the time of each XADD round trip, in seconds (the hub's `chat_tray_hub_store_roundtrip_seconds`). */
  observeRoundTrips(observe: (seconds: number) => void): void
  /** Resolves once every change published so far is in Redis, or after `timeoutMs` (a stop). */
  drained(timeoutMs: number): Promise<boolean>
}

interface Pending {
  uid: string
  fields: string[]
  name: HubChangeName
  json: string
  /** An XADD of it failed: it may have reached the stream all the same. */
  uncertain: boolean
}

/** Creates the feed; call `start` before the listener takes streams. */
export function createRedisFeed(options: RedisFeedOptions): RedisFeed {
  const { client, reader, hubId, maxEntries, log } = options
  const blockMs = options.blockMs ?? 5_000
  const listeners = new Set<(entry: FeedEntry) => void>()
  const linkListeners = new Set<(up: boolean) => void>()
  const outbox: Pending[] = []
  /** Uids of own changes already streamed under a provisional id (not streamed again when the stream has them). */
  const streamed = new Set<string>()
  const counts = { published: 0, received: 0, staleFence: 0, replayed: 0, streamedLocally: 0, gaps: 0, unreadable: 0 }
  let mirror = new FeedMirror(maxEntries, '0-0')
  let onRemote: (change: RemoteChange) => void = () => {}
  let seq = 0
  let maxFence = 0
  let linkUp = client.status === 'ready'
  let flushing = false
  let closed = false
  let roundTrip: (seconds: number) => void = () => {}

  /** Every change streamed under a provisional id is in the stream and back here: those ids are done. */
  const settle = () => {
    if (streamed.size === 0 && outbox.length === 0) mirror.dropProvisional()
  }
  const fanOut = (entry: FeedEntry) => {
    for (const listener of listeners) listener(entry)
  }
  const setLink = (next: boolean) => {
    if (next === linkUp) return
    linkUp = next
    for (const listener of linkListeners) listener(next)
    if (!next) for (const pending of outbox) streamLocally(pending)
    else void flush()
  }
  const streamLocally = (pending: Pending) => {
    if (streamed.has(pending.uid)) return
    streamed.add(pending.uid)
    counts.streamedLocally++
    const id = `local-${hubId.slice(0, 40)}-${++seq}`
    const entry = { id, name: pending.name, frame: frameOf(pending.name, id, pending.json) }
    mirror.addProvisional(entry)
    fanOut(entry)
  }
  client.on('ready', () => setLink(true))
  client.on('close', () => setLink(false))

  const flush = async () => {
    if (flushing) return
    flushing = true
    try {
      while (outbox.length > 0) {
        const head = outbox[0] as Pending
        if (head.uncertain && (await inStream(head.uid))) counts.replayed++
        else {
          const sentAt = performance.now()
          await client.xadd(KEYS.events, 'MAXLEN', '~', String(maxEntries), '*', ...head.fields)
          roundTrip((performance.now() - sentAt) / 1000)
        }
        outbox.shift()
        counts.published++
        settle()
      }
    } catch (error) {
      if (outbox[0]) outbox[0].uncertain = true
      log.warn('redis feed: a change could not be published yet; kept in order', {
        waiting: outbox.length,
        error: (error as Error).message,
      })
      setLink(false)
      probe()
    } finally {
      flushing = false
    }
  }
  /**
   * A link that failed without closing (a command timed out, a refusal) gets no 'ready' to resume it: it is
   * probed until it answers again.
   */
  const probe = () => {
    setTimeout(async () => {
      if (closed || linkUp) return
      try {
        await client.ping()
        setLink(true)
      } catch {
        probe()
      }
    }, 1_000).unref()
  }
  /** Whether the stream already holds the change `uid` (its XADD's answer was lost). */
  const inStream = async (uid: string) => {
    const recent = await client.xrevrange(KEYS.events, '+', '-', 'COUNT', Math.min(maxEntries, 1000))
    return recent.some(([, fields]) => fieldOf(fields, 'u') === uid)
  }

  const receive = (id: string, fields: string[], atStart: boolean) => {
    const name = fieldOf(fields, 'n')
    const json = fieldOf(fields, 'd')
    if (name === null || json === null || !isChangeName(name) || /[\r\n]/.test(json)) {
      counts.unreadable++
      return mirror.skip(id)
    }
    const fenceText = fieldOf(fields, 'f')
    if (fenceText !== null) {
      const fence = Number(fenceText)
      if (fence < maxFence) {
        counts.staleFence++
        return mirror.skip(id)
      }
      maxFence = fence
    }
    counts.received++
    const entry = { id, name: name as HubChangeName, frame: frameOf(name, id, json) }
    mirror.add(entry)
    const uid = fieldOf(fields, 'u') ?? ''
    if (atStart || !uid.startsWith(`${hubId}:`)) {
      try {
        onRemote({ name: entry.name, data: JSON.parse(json), meta: metaOf(fields) })
      } catch (error) {
        counts.unreadable++
        log.warn('redis feed: a change of another hub could not be mirrored', { id, error: (error as Error).message })
      }
    }
    if (streamed.delete(uid)) return settle()
    if (!atStart) fanOut(entry)
  }

  const loop = async () => {
    let resumed = false
    while (!closed) {
      try {
        if (resumed) await checkContinuity()
        resumed = false
        const answer = await reader.xread('COUNT', 1000, 'BLOCK', blockMs, 'STREAMS', KEYS.events, mirror.streamId())
        for (const [, entries] of answer ?? []) for (const [id, fields] of entries) receive(id, fields, false)
      } catch (error) {
        if (closed) return
        resumed = true
        log.debug('redis feed: XREAD failed; retrying', { error: (error as Error).message })
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
  }
  /**
   * After an outage: the stream may have been trimmed past this hub's cursor (a gap no resume may cross), or
   * restarted without its last entries (its ids would be issued again: moved past them with XSETID).
   */
  const checkContinuity = async () => {
    const cursor = mirror.streamId()
    const [first] = await client.xrange(KEYS.events, '-', '+', 'COUNT', 1)
    const [last] = await client.xrevrange(KEYS.events, '+', '-', 'COUNT', 1)
    if (last && compareIds(last[0], cursor) < 0) {
      counts.gaps++
      log.warn('redis feed: the stream lost its newest changes (Redis restarted without them); ids move past them')
      await client.xsetid(KEYS.events, cursor)
      mirror.forgetAll()
    } else if (first && cursor !== '0-0' && compareIds(first[0], cursor) > 0) {
      counts.gaps++
      log.warn('redis feed: the stream was trimmed past this hub while it was away; desktops get a snapshot')
      mirror.forgetAll()
    }
  }

  return {
    async start(handler) {
      onRemote = handler
      const [last] = await client.xrevrange(KEYS.events, '+', '-', 'COUNT', 1)
      mirror = new FeedMirror(maxEntries, last?.[0] ?? '0-0')
      const log = await client.xrange(KEYS.events, '-', '+')
      for (const [id, fields] of log.slice(-maxEntries)) receive(id, fields, true)
      void loop()
    },
    publish(name, data, meta = {}) {
      const json = JSON.stringify(data)
      const uid = `${hubId}:${++seq}`
      const fields = ['n', name, 'd', json, 'u', uid]
      if (meta.fence !== undefined) fields.push('f', String(meta.fence))
      if (meta.source !== undefined) fields.push('s', JSON.stringify(meta.source))
      if (meta.overlay !== undefined) fields.push('o', JSON.stringify(meta.overlay))
      const pending: Pending = { uid, fields, name, json, uncertain: false }
      outbox.push(pending)
      if (!linkUp) streamLocally(pending)
      else void flush()
      return null
    },
    lastId: () => mirror.lastId(),
    since: (id) => mirror.since(id),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    up: () => linkUp,
    onLink: (listener) => linkListeners.add(listener),
    fence: () => maxFence,
    observeRoundTrips(observe) {
      roundTrip = observe
    },
    async drained(timeoutMs) {
      const end = Date.now() + timeoutMs
      while (outbox.length > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20))
      return outbox.length === 0
    },
    health: () => ({
      backend: 'redis',
      redis: linkUp ? 'up' : 'down',
      ...mirror.size(),
      lastId: mirror.lastId(),
      waiting: outbox.length,
      fence: maxFence,
      ...counts,
    }),
    close() {
      closed = true
      reader.disconnect()
    },
  }
}

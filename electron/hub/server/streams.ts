/**
 * `GET /v1/stream`: the Server-Sent Events route. A client gets a `snapshot` (or, with a resumable
 * `Last-Event-ID`, exactly the changes it missed), then every change as it is published, and a heartbeat
 * comment. No token takes more than its share: it holds a few streams at most (a new one closes its oldest),
 * all streams together leave the listener's other connections to webhooks and commands, and a stream that is
 * not caught up in time, stops reading, or queues past its buffer budget is dropped (it resumes by its last id).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../../core/engine/log'
import type { RouteHandler } from '../../core/http/server'
import { type Caller, type HubAuth, retryLater } from './auth'
import type { ChangeFeed, FeedEntry } from './change-feed'
import type { SnapshotFrames } from './snapshot-frame'

/** Tuning of the stream route. */
export interface StreamLimits {
  /** Heartbeat comment interval (ms); at most 15 s by contract. */
  heartbeatMs: number
  /** Unsent bytes one live client may queue before it is dropped. */
  maxBufferBytes: number
  /** Streams of all tokens together; the listener's other connections stay free for webhooks and commands. */
  maxStreams: number
  /** Streams one token may hold; a further one closes that token's oldest. */
  streamsPerToken: number
  /** A stream not caught up this long after it opened, or whose output has not drained for this long, is dropped (ms). */
  catchUpMs: number
}

/** What the route needs. */
export interface StreamDeps {
  auth: HubAuth
  feed: ChangeFeed
  snapshots: SnapshotFrames
  limits: StreamLimits
  log: Logger
  now?: () => number
}

/** Bytes of the snapshot written at a time, each after the socket drained the one before. */
const SNAPSHOT_SLICE_BYTES = 64 * 1024

/** Why streams ended on the hub's side, as `/health` counts them. */
const DROP_REASONS = ['slow', 'catchUp', 'stalled', 'evicted', 'revoked', 'fellBehind'] as const
type DropReason = (typeof DROP_REASONS)[number] | 'gone' | 'stopping'

/** The open streams, with the route handler. */
export interface StreamHub {
  handler: RouteHandler
  /** Closes the streams whose token is no longer valid (the tokens file changed). */
  revalidate(isValid: (token: string) => boolean): void
  /** Open streams right now. */
  count(): number
  /** Counters for `/health`. */
  health(): Record<string, unknown>
  /** Ends every stream and the timers (hub stopping). */
  close(): void
}

interface Client {
  res: ServerResponse
  caller: Caller
  /** False while catching up (snapshot or replay paced by the socket); live clients get the budget check. */
  live: boolean
  openedAt: number
  /** When a write last found the socket full, until it drained; null while it keeps up. */
  stalledSince: number | null
  unsubscribe: () => void
}

/** Creates the stream route and its client registry. */
export function createStreamHub(deps: StreamDeps): StreamHub {
  const { feed, limits, log } = deps
  const now = deps.now ?? Date.now
  const clients = new Set<Client>()
  const byToken = new Map<string, Client[]>()
  const dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<(typeof DROP_REASONS)[number], number>
  const refused = { full: 0 }

  const heartbeat = setInterval(() => {
    for (const client of clients) if (client.live) send(client, ': hb\n\n')
  }, limits.heartbeatMs)
  heartbeat.unref()
  const sweep = setInterval(
    () => {
      const at = now()
      for (const client of [...clients]) {
        if (!client.live && at - client.openedAt > limits.catchUpMs) drop(client, 'catchUp')
        else if (client.stalledSince !== null && at - client.stalledSince > limits.catchUpMs) drop(client, 'stalled')
      }
    },
    Math.max(50, Math.min(1000, Math.floor(limits.catchUpMs / 4))),
  )
  sweep.unref()

  const drop = (client: Client, why: DropReason) => {
    if (!clients.delete(client)) return
    const own = byToken.get(client.caller.key) ?? []
    own.splice(own.indexOf(client), 1)
    if (own.length === 0) byToken.delete(client.caller.key)
    client.unsubscribe()
    if (why !== 'gone' && why !== 'stopping') dropped[why]++
    log.debug('hub stream closed', { why, agent: client.caller.agent.name, streams: clients.size })
    // A reader that fell behind holds kernel buffers too: reset at once instead of flushing to it first.
    if (why === 'slow' || why === 'catchUp' || why === 'stalled') client.res.socket?.resetAndDestroy()
    client.res.destroy()
  }
  /** Writes; when the socket is full, notes since when (the sweep drops a stream that stays full). */
  const write = (client: Client, chunk: string | Buffer): boolean => {
    const ok = client.res.write(chunk)
    if (!ok && client.stalledSince === null) {
      client.stalledSince = now()
      client.res.once('drain', () => {
        client.stalledSince = null
      })
    }
    return ok
  }
  const send = (client: Client, text: string) => {
    write(client, text)
    // Beyond the budget the client cannot keep up; holding more would let one laptop grow the hub's memory.
    if (client.res.writableLength > limits.maxBufferBytes) drop(client, 'slow')
  }

  const handler: RouteHandler = (req: IncomingMessage, res: ServerResponse) => {
    const caller = deps.auth(req, res)
    if (!caller) return
    const own = byToken.get(caller.key) ?? []
    if (clients.size >= limits.maxStreams && own.length === 0) {
      refused.full++
      log.warn('hub: every stream slot is taken; a desktop was asked to retry', { agent: caller.agent.name })
      return retryLater(res, 503, 5_000, { error: 'the hub has no free stream slot; try again shortly' })
    }
    // Its own oldest stream makes room: a desktop whose old connection died unnoticed gets back in at once.
    if (own.length >= limits.streamsPerToken || clients.size >= limits.maxStreams) drop(own[0] as Client, 'evicted')
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    })
    req.socket.setNoDelay(true)
    req.socket.setKeepAlive(true, 30_000)
    const resumeFrom = lastEventId(req)
    const resumable = resumeFrom !== null && feed.since(resumeFrom) !== null
    const client: Client = { res, caller, live: false, openedAt: now(), stalledSince: null, unsubscribe: () => {} }
    clients.add(client)
    byToken.set(caller.key, [...(byToken.get(caller.key) ?? []), client])
    let cursor = resumeFrom as string
    /** The snapshot's pieces still to write: slices of the shared head, then this client's tail. */
    const snapshot: (Buffer | string)[] = []
    if (!resumable) {
      const frame = deps.snapshots.frameFor(caller.agent)
      cursor = frame.cursor
      for (let at = 0; at < frame.head.length; at += SNAPSHOT_SLICE_BYTES)
        snapshot.push(frame.head.subarray(at, at + SNAPSHOT_SLICE_BYTES))
      snapshot.push(frame.tail)
    }
    // Catch up at the pace the socket drains (a long replay is not a slow client, and a snapshot written whole
    // to hundreds of sockets in one turn would block the loop), then go live. The last `since` and `subscribe`
    // run in the same turn: no change can fall between them.
    const catchUp = () => {
      if (!clients.has(client)) return
      while (snapshot.length > 0)
        if (!write(client, snapshot.shift() as Buffer | string)) {
          res.once('drain', catchUp)
          return
        }
      for (;;) {
        const batch = feed.since(cursor)
        if (batch === null) return drop(client, 'fellBehind')
        if (batch.length === 0) break
        for (const entry of batch) {
          cursor = entry.id
          if (!write(client, entry.frame)) {
            res.once('drain', catchUp)
            return
          }
        }
      }
      client.live = true
      client.unsubscribe = feed.subscribe((entry: FeedEntry) => send(client, entry.frame))
    }
    if (res.writableNeedDrain) res.once('drain', catchUp)
    else catchUp()
    res.on('close', () => drop(client, 'gone'))
    log.debug('hub stream opened', { agent: caller.agent.name, resumed: resumable, streams: clients.size })
  }

  return {
    handler,
    revalidate(isValid) {
      for (const client of [...clients]) if (!isValid(client.caller.token)) drop(client, 'revoked')
    },
    count: () => clients.size,
    health: () => ({
      open: clients.size,
      maxStreams: limits.maxStreams,
      streamsPerToken: limits.streamsPerToken,
      dropped: { ...dropped },
      refused: { ...refused },
      snapshotsSerialised: deps.snapshots.serialised(),
    }),
    close() {
      clearInterval(heartbeat)
      clearInterval(sweep)
      for (const client of [...clients]) drop(client, 'stopping')
    },
  }
}

/**
 * The resume point: the `Last-Event-ID` header, else `?lastEventId=`; null when absent. Ids are opaque: any
 * short printable text is passed to the feed, which knows its own ids (an unknown one gets a snapshot).
 */
export function lastEventId(req: IncomingMessage): string | null {
  const header = req.headers['last-event-id']
  const fromQuery = new URL(req.url ?? '/', 'http://hub').searchParams.get('lastEventId')
  const text = (typeof header === 'string' && header !== '' ? header : fromQuery)?.trim() ?? ''
  return /^[\x21-\x7e]{1,100}$/.test(text) ? text : null
}

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
import { createStreamClients, type StreamClient } from './stream-clients'

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
  /** A frame without an id each stream gets as soon as it is live (the team's presence, docs/team.md). */
  greeting?: () => string | null
}

/** Bytes of the snapshot written at a time, each after the socket drained the one before. */
const SNAPSHOT_SLICE_BYTES = 64 * 1024

/** The open streams, with the route handler. */
export interface StreamHub {
  handler: RouteHandler
  /** Closes the streams whose caller is no longer valid (the tokens file changed, a board session ended). */
  revalidate(isValid: (caller: Caller) => boolean): void
  /** Opens a stream for a caller already known (the board's session), without asking `auth`. */
  open(caller: Caller, req: IncomingMessage, res: ServerResponse): void
  /** Sends a frame that is not a numbered change (no id: never replayed) to every live stream. */
  broadcast(frame: string): void
  /** Open streams right now. */
  count(): number
  /** Counters for `/health`. */
  health(): Record<string, unknown>
  /** Ends every stream and the timers (hub stopping). */
  close(): void
}

/** Creates the stream route and its client registry. */
export function createStreamHub(deps: StreamDeps): StreamHub {
  const { feed, limits, log } = deps
  const now = deps.now ?? Date.now
  const clients = createStreamClients(limits, log, now)
  const refused = { full: 0 }

  const handler: RouteHandler = (req: IncomingMessage, res: ServerResponse) => {
    const caller = deps.auth(req, res)
    if (caller) open(caller, req, res)
  }

  function open(caller: Caller, req: IncomingMessage, res: ServerResponse): void {
    const own = clients.of(caller.key)
    if (clients.size() >= limits.maxStreams && own.length === 0) {
      refused.full++
      log.warn('hub: every stream slot is taken; a desktop was asked to retry', { agent: caller.agent.name })
      retryLater(res, 503, 5_000, { error: 'the hub has no free stream slot; try again shortly' })
      return
    }
    // Its own oldest stream makes room: a desktop whose old connection died unnoticed gets back in at once.
    if (own.length >= limits.streamsPerToken || clients.size() >= limits.maxStreams)
      clients.drop(own[0] as StreamClient, 'evicted')
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
    const client: StreamClient = {
      res,
      caller,
      live: false,
      openedAt: now(),
      stalledSince: null,
      unsubscribe: () => {},
    }
    clients.add(client)
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
        if (!clients.write(client, snapshot.shift() as Buffer | string)) {
          res.once('drain', catchUp)
          return
        }
      for (;;) {
        const batch = feed.since(cursor)
        if (batch === null) return clients.drop(client, 'fellBehind')
        if (batch.length === 0) break
        for (const entry of batch) {
          cursor = entry.id
          if (!clients.write(client, entry.frame)) {
            res.once('drain', catchUp)
            return
          }
        }
      }
      client.live = true
      client.unsubscribe = feed.subscribe((entry: FeedEntry) => clients.send(client, entry.frame))
      const greeting = deps.greeting?.()
      if (greeting) clients.send(client, greeting)
    }
    if (res.writableNeedDrain) res.once('drain', catchUp)
    else catchUp()
    res.on('close', () => clients.drop(client, 'gone'))
    log.info('hub stream opened', { agent: caller.agent.name, resumed: resumable, streams: clients.size() })
  }

  return {
    handler,
    open,
    revalidate(isValid) {
      for (const client of clients.all()) if (!isValid(client.caller)) clients.drop(client, 'revoked')
    },
    broadcast(frame) {
      for (const client of clients.all()) if (client.live) clients.send(client, frame)
    },
    count: () => clients.size(),
    health: () => ({
      open: clients.size(),
      maxStreams: limits.maxStreams,
      streamsPerToken: limits.streamsPerToken,
      dropped: clients.dropped(),
      refused: { ...refused },
      snapshotsSerialised: deps.snapshots.serialised(),
    }),
    close: () => clients.close(),
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

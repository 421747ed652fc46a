/**
 * `GET /v1/stream`: the Server-Sent Events route. A client gets a `snapshot` (or, with a resumable
 * `Last-Event-ID`, exactly the changes it missed), then every change as it is published, and a heartbeat
 * comment. A client whose unsent output passes the buffer budget is dropped; it resumes with its last id.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HubAgent, HubEventData } from '../../../shared/protocol/hub'
import type { Logger } from '../../core/engine/log'
import { type RouteHandler, sendJson } from '../../core/http/server'
import { type ChangeFeed, type FeedEntry, sseFrame } from './change-feed'
import { bearerToken, type TokenTable } from './tokens'

/** Tuning of the stream route. */
export interface StreamLimits {
  /** Heartbeat comment interval (ms); at most 15 s by contract. */
  heartbeatMs: number
  /** Unsent bytes one client may queue before it is dropped. */
  maxBufferBytes: number
}

/** What the route needs. */
export interface StreamDeps {
  tokens: TokenTable
  feed: ChangeFeed
  /** The state a fresh client starts from. */
  snapshot(agent: HubAgent): HubEventData['snapshot']
  limits: StreamLimits
  log: Logger
}

/** The open streams, with the route handler. */
export interface StreamHub {
  handler: RouteHandler
  /** Closes the streams whose token is no longer valid (the tokens file changed). */
  revalidate(): void
  /** Open streams right now. */
  count(): number
  /** Ends every stream and the heartbeat (hub stopping). */
  close(): void
}

interface Client {
  res: ServerResponse
  token: string
  /** False while catching up (snapshot or replay paced by the socket); live clients get the budget check. */
  live: boolean
  unsubscribe: () => void
}

/** Sends a 401 with nothing else in it. */
export function unauthorized(res: ServerResponse): void {
  res.setHeader('www-authenticate', 'Bearer')
  res.setHeader('connection', 'close')
  sendJson(res, 401, { error: 'unauthorized' })
}

/** Creates the stream route and its client registry. */
export function createStreamHub(deps: StreamDeps): StreamHub {
  const { feed, tokens, limits, log } = deps
  const clients = new Set<Client>()
  const heartbeat = setInterval(() => {
    for (const client of clients) if (client.live) send(client, ': hb\n\n')
  }, limits.heartbeatMs)
  heartbeat.unref()

  const drop = (client: Client, why: string) => {
    if (!clients.delete(client)) return
    client.unsubscribe()
    log.debug('hub stream closed', { why, streams: clients.size })
    client.res.destroy()
  }
  const send = (client: Client, text: string) => {
    client.res.write(text)
    // Beyond the budget the client cannot keep up; holding more would let one laptop grow the hub's memory.
    if (client.res.writableLength > limits.maxBufferBytes) drop(client, 'slow client: buffer budget exceeded')
  }

  const handler: RouteHandler = (req: IncomingMessage, res: ServerResponse) => {
    const token = bearerToken(req.headers.authorization)
    const agent = token ? tokens.lookup(token) : null
    if (!token || !agent) return unauthorized(res)
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
    const client: Client = { res, token, live: false, unsubscribe: () => {} }
    clients.add(client)
    let cursor = resumable ? (resumeFrom as number) : feed.lastId()
    if (!resumable) res.write(sseFrame('snapshot', cursor, deps.snapshot(agent)))
    // Catch up at the pace the socket drains (a long replay is not a slow client), then go live. The last
    // `since` and `subscribe` run in the same turn: no change can fall between them.
    const catchUp = () => {
      if (!clients.has(client)) return
      for (;;) {
        const batch = feed.since(cursor)
        if (batch === null) return drop(client, 'fell behind the replay log')
        if (batch.length === 0) break
        for (const entry of batch) {
          cursor = entry.id
          if (!res.write(entry.frame)) {
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
    res.on('close', () => drop(client, 'client went away'))
    log.debug('hub stream opened', {
      agent: agent.name,
      resumed: resumable,
      streams: clients.size,
    })
  }

  return {
    handler,
    revalidate() {
      for (const client of [...clients]) if (!tokens.lookup(client.token)) drop(client, 'token revoked')
    },
    count: () => clients.size,
    close() {
      clearInterval(heartbeat)
      for (const client of [...clients]) drop(client, 'hub stopping')
    },
  }
}

/** The resume point: the `Last-Event-ID` header, else `?lastEventId=`; null when absent or not an id. */
export function lastEventId(req: IncomingMessage): number | null {
  const header = req.headers['last-event-id']
  const fromQuery = new URL(req.url ?? '/', 'http://hub').searchParams.get('lastEventId')
  const text = (typeof header === 'string' && header !== '' ? header : fromQuery)?.trim() ?? ''
  if (!/^\d{1,16}$/.test(text)) return null
  return Number(text)
}

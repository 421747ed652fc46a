/**
 * The hub's open streams, by token, with what keeps each one honest: the heartbeat, the buffer budget of a live
 * stream, and the deadlines (caught up within `catchUpMs` of opening; output drained within `catchUpMs` of
 * filling the socket). A stream dropped for falling behind has its socket reset, so the kernel frees its buffers
 * at once instead of flushing them to a reader that does not read.
 */
import type { ServerResponse } from 'node:http'
import type { Logger } from '../../core/engine/log'
import type { Caller } from './auth'

/** One open stream. */
export interface StreamClient {
  res: ServerResponse
  caller: Caller
  /** False while catching up (snapshot or replay paced by the socket); live clients get the budget check. */
  live: boolean
  openedAt: number
  /** When a write last found the socket full, until it drained; null while it keeps up. */
  stalledSince: number | null
  unsubscribe: () => void
}

/** Why streams ended on the hub's side, as `/health` counts them. */
const DROP_REASONS = ['slow', 'catchUp', 'stalled', 'evicted', 'revoked', 'fellBehind'] as const
/** Why a stream ended: a counted reason, the client leaving, or the hub stopping. */
export type DropReason = (typeof DROP_REASONS)[number] | 'gone' | 'stopping'

/** The limits the registry enforces itself. */
export interface ClientLimits {
  heartbeatMs: number
  maxBufferBytes: number
  catchUpMs: number
}

/** The registry. */
export interface StreamClients {
  add(client: StreamClient): void
  /** The streams of a token (by its key), oldest first. */
  of(key: string): readonly StreamClient[]
  has(client: StreamClient): boolean
  all(): StreamClient[]
  size(): number
  drop(client: StreamClient, why: DropReason): void
  /** Writes a catch-up chunk; false when the socket is full (wait for `drain`). */
  write(client: StreamClient, chunk: string | Buffer): boolean
  /** Writes to a live stream, dropping it past its buffer budget. */
  send(client: StreamClient, text: string): void
  dropped(): Record<(typeof DROP_REASONS)[number], number>
  /** Stops the timers and ends every stream. */
  close(): void
}

/** Creates the registry and starts its heartbeat and deadline timers. */
export function createStreamClients(limits: ClientLimits, log: Logger, now: () => number): StreamClients {
  const clients = new Set<StreamClient>()
  const byToken = new Map<string, StreamClient[]>()
  const dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<(typeof DROP_REASONS)[number], number>

  const drop = (client: StreamClient, why: DropReason) => {
    if (!clients.delete(client)) return
    const own = byToken.get(client.caller.key) ?? []
    own.splice(own.indexOf(client), 1)
    if (own.length === 0) byToken.delete(client.caller.key)
    client.unsubscribe()
    if (why !== 'gone' && why !== 'stopping') dropped[why]++
    // One line per stream (who, why, how many are left); a stop closes them all and says so once.
    if (why !== 'stopping')
      log.info('hub stream closed', { why, agent: client.caller.agent.name, streams: clients.size })
    if (why === 'slow' || why === 'catchUp' || why === 'stalled') client.res.socket?.resetAndDestroy()
    client.res.destroy()
  }
  const write = (client: StreamClient, chunk: string | Buffer): boolean => {
    const ok = client.res.write(chunk)
    if (!ok && client.stalledSince === null) {
      client.stalledSince = now()
      client.res.once('drain', () => {
        client.stalledSince = null
      })
    }
    return ok
  }
  const send = (client: StreamClient, text: string) => {
    write(client, text)
    // Beyond the budget the client cannot keep up; holding more would let one laptop grow the hub's memory.
    if (client.res.writableLength > limits.maxBufferBytes) drop(client, 'slow')
  }

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

  return {
    add(client) {
      clients.add(client)
      byToken.set(client.caller.key, [...(byToken.get(client.caller.key) ?? []), client])
    },
    of: (key) => byToken.get(key) ?? [],
    has: (client) => clients.has(client),
    all: () => [...clients],
    size: () => clients.size,
    drop,
    write,
    send,
    dropped: () => ({ ...dropped }),
    close() {
      clearInterval(heartbeat)
      clearInterval(sweep)
      if (clients.size > 0) log.info('hub streams closed: stopping', { streams: clients.size })
      for (const client of [...clients]) drop(client, 'stopping')
    },
  }
}

/**
 * Follows the hub's `GET /v1/stream` over fetch (so it can send `Authorization` and `Last-Event-ID`), parsed
 * with eventsource-parser. Reconnects with exponential backoff and jitter (or the hub's `Retry-After`), resumes
 * from the last id it handled, and reconnects at once when asked (refresh), when the machine woke up or its
 * network addresses changed, or when the stream went silent past the idle limit (heartbeats stopped: a dead
 * connection TCP has not noticed). Ids are opaque: kept and sent back as they came, compared only for equality
 * (a feed on Redis Streams has ids like `1700000000000-0`). An event refused twice makes it ask for a snapshot.
 */
import { networkInterfaces } from 'node:os'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import type { Logger } from '../../core/engine/log'
import { Backoff } from '../../core/sources/backoff'

/** How the hub connection is doing. */
export type HubConnectionState = 'connecting' | 'ok' | 'offline' | 'auth-failed'

/** Options of the stream client. */
export interface HubStreamOptions {
  url: string
  token: string
  fetch: typeof fetch
  log: Logger
  retryMs: number
  maxRetryMs: number
  idleMs: number
  /** Handles one event; an exception drops the connection (the event is received again after resuming). */
  onEvent(message: EventSourceMessage): void
  onState(state: HubConnectionState, detail: string): void
  /** The machine's network addresses, to notice a network change (default: from `os.networkInterfaces`). */
  networkFingerprint?: () => string
}

/** Largest single event accepted (a snapshot of a big team is the largest). */
const MAX_EVENT_BYTES = 64 * 1024 * 1024
/** A timer tick this much later than planned means the machine slept: reconnect at once. */
const SLEEP_GAP_MS = 10_000
const TICK_MS = 2_000

/** A running stream client. */
export interface HubStream {
  start(): void
  stop(): void
  /** Drops the current attempt or wait and connects now. */
  reconnectNow(why: string): void
  state(): HubConnectionState
}

/** Creates the stream client (not started). */
export function createHubStream(options: HubStreamOptions): HubStream {
  const backoff = new Backoff(options.retryMs, options.maxRetryMs)
  let lastEventId: string | null = null
  /** The id of an event this desktop could not apply once; refused again, it is skipped via a fresh snapshot. */
  let refusedId: string | null = null
  let state: HubConnectionState = 'connecting'
  let stopped = true
  let attempt: AbortController | null = null
  let wake: (() => void) | null = null
  let lastByteAt = Date.now()
  let lastTick = Date.now()
  let ticker: NodeJS.Timeout | null = null

  const setState = (next: HubConnectionState, detail: string) => {
    state = next
    options.onState(next, detail)
  }

  const connectOnce = async (signal: AbortSignal): Promise<'retry' | 'auth' | { retryAfterMs: number }> => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' }
    if (lastEventId) headers['last-event-id'] = lastEventId
    const response = await options.fetch(`${options.url}/v1/stream`, { headers, signal })
    if (response.status === 401) {
      await response.body?.cancel()
      setState('auth-failed', 'the team hub refused this token (401)')
      return 'auth'
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel()
      // 429 (this address sent bad tokens) or 503 (no free stream slot) say when to come back.
      const retryAfterMs = retryAfterOf(response.headers.get('retry-after'))
      const when = retryAfterMs === null ? '' : `; retrying in ${Math.ceil(retryAfterMs / 1000)} s`
      setState('offline', `the team hub answered ${response.status}${when}`)
      return retryAfterMs === null ? 'retry' : { retryAfterMs }
    }
    let pending = 0
    let failure: Error | null = null
    const parser = createParser({
      onEvent(message) {
        pending = 0
        if (failure) return
        try {
          options.onEvent(message)
          if (message.id) lastEventId = message.id
          if (state !== 'ok') {
            backoff.reset()
            setState('ok', 'following the team hub')
          }
        } catch (error) {
          failure = error as Error
          const id = message.id ?? null
          if (id !== null && id === refusedId) {
            // Resuming before it would only meet it again: start over from a snapshot instead.
            options.log.warn('hub stream: the same event was refused twice; asking the hub for a snapshot', {
              id,
              error: failure.message,
            })
            lastEventId = null
            refusedId = null
          } else refusedId = id
        }
      },
    })
    const decoder = new TextDecoder()
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      lastByteAt = Date.now()
      pending += chunk.byteLength
      if (pending > MAX_EVENT_BYTES) throw new Error('an event from the hub is too large')
      parser.feed(decoder.decode(chunk, { stream: true }))
      if (failure) throw failure
    }
    setState('offline', 'the team hub closed the stream')
    return 'retry'
  }

  const loop = async () => {
    while (!stopped) {
      attempt = new AbortController()
      lastByteAt = Date.now()
      let outcome: Awaited<ReturnType<typeof connectOnce>> = 'retry'
      try {
        outcome = await connectOnce(attempt.signal)
      } catch (error) {
        if (stopped) return
        const message = (error as Error).name === 'AbortError' ? 'reconnecting' : (error as Error).message
        if (state !== 'auth-failed' || message !== 'reconnecting')
          setState('offline', `team hub unreachable: ${message}`)
      }
      if (stopped) return
      const delay =
        outcome === 'auth'
          ? Math.max(options.maxRetryMs, 30_000)
          : backoff.next(typeof outcome === 'object' ? outcome.retryAfterMs : null)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  }

  const reconnectNow = (why: string) => {
    if (stopped) return
    options.log.info('hub stream: reconnecting now', { why })
    backoff.reset()
    attempt?.abort()
    wake?.()
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      setState('connecting', 'connecting to the team hub')
      const fingerprint = options.networkFingerprint ?? addressFingerprint
      let network = fingerprint()
      ticker = setInterval(
        () => {
          const now = Date.now()
          const slept = now - lastTick > SLEEP_GAP_MS
          lastTick = now
          const previousNetwork = network
          network = fingerprint()
          if (slept) reconnectNow('the machine slept')
          else if (network !== previousNetwork) reconnectNow('the network changed')
          else if (state === 'ok' && now - lastByteAt > options.idleMs) reconnectNow('the stream went silent')
        },
        Math.min(TICK_MS, options.idleMs),
      )
      ticker.unref()
      void loop()
    },
    stop() {
      stopped = true
      if (ticker) clearInterval(ticker)
      attempt?.abort()
      wake?.()
    },
    reconnectNow,
    state: () => state,
  }
}

/** The machine's non-internal addresses, as one string that changes when the network does. */
function addressFingerprint(): string {
  const addresses: string[] = []
  for (const list of Object.values(networkInterfaces()))
    for (const info of list ?? []) if (!info.internal) addresses.push(info.address)
  return addresses.sort().join(',')
}

/** `Retry-After` in whole seconds as ms, or null (absent, a date, or not a number). */
function retryAfterOf(header: string | null): number | null {
  if (header === null || !/^\d{1,9}$/.test(header.trim())) return null
  return Number(header.trim()) * 1000
}

/**
 * Turns a runtime into the team hub: every store change and source status goes to the change feed, and the
 * listener gains `GET /v1/stream` and `POST /v1/commands` next to the webhook routes (one public URL).
 */
import type { SourceStatus } from '../../../shared/protocol'
import { HUB_COMMANDS_PATH, HUB_STREAM_PATH } from '../../../shared/protocol/hub'
import type { Runtime } from '../../core/runtime/runtime'
import { type ChangeFeed, createLocalFeed } from './change-feed'
import { commandsRoute } from './commands'
import { createStreamHub, type StreamHub, type StreamLimits } from './streams'
import { watchTokensFile } from './tokens'

/** Options of the hub (from `--hub-tokens` and the `CHAT_TRAY_HUB_*` tuning variables). */
export interface HubOptions {
  tokensFile: string
  limits: StreamLimits
  /** Changes kept for resuming clients. */
  replayEvents: number
  /** How often the tokens file is polled when fs.watch misses a change (ms). */
  tokensPollMs?: number
  /** Replaces the default in-process feed (another backend, see docs/scaling.md). */
  feed?: ChangeFeed
}

/** Defaults of the hub's tuning. */
export const HUB_DEFAULTS = {
  heartbeatMs: 15_000,
  maxBufferBytes: 1024 * 1024,
  replayEvents: 10_000,
  maxConnections: 10_000,
}

/** A hub attached to a runtime. */
export interface Hub {
  feed: ChangeFeed
  streams: StreamHub
  /** Ends every stream and stops watching the tokens file (before the runtime's listener stops). */
  close(): void
}

/**
 * A source status as desktops see it. The hub has no "me" of its own (each token names one), so a `me-missing`
 * warning is about the hub's settings, not about any desktop: it is left out (found by its code, not its words).
 */
export function forDesktops(status: SourceStatus): SourceStatus {
  const hidden = (status.notices ?? []).filter((notice) => notice.code === 'me-missing')
  if (hidden.length === 0) return status
  const words = new Set(hidden.map((notice) => notice.message))
  const notices = (status.notices ?? []).filter((notice) => notice.code !== 'me-missing')
  const { notices: _all, ...rest } = status
  return {
    ...rest,
    warnings: status.warnings.filter((warning) => !words.has(warning)),
    ...(notices.length > 0 ? { notices } : {}),
  }
}

/** Attaches the hub to a built, not yet started runtime. Throws `TokensFileError` for an unusable file. */
export function attachHub(runtime: Runtime, options: HubOptions): Hub {
  const { engine } = runtime
  const log = engine.log
  const feed =
    options.feed ?? createLocalFeed({ stateDir: runtime.options.stateDir, maxEntries: options.replayEvents, log })
  let streams: StreamHub | null = null
  const tokens = watchTokensFile(options.tokensFile, {
    log,
    pollMs: options.tokensPollMs,
    onChange: () => streams?.revalidate(),
  })
  streams = createStreamHub({
    tokens,
    feed,
    limits: options.limits,
    log,
    snapshot: (agent) => ({
      chats: engine.store.all(),
      sources: engine.statuses().map(forDesktops),
      agent,
      now: engine.now(),
    }),
  })
  engine.bus.subscribe((event) => {
    if (event.type === 'chat.added' || event.type === 'chat.changed') feed.publish(event.type, { chat: event.chat })
    else if (event.type === 'chat.removed') feed.publish('chat.removed', { key: event.key, reason: event.reason })
    else if (event.type === 'source.status') feed.publish('source.status', { status: forDesktops(event.status) })
  })
  runtime.listener.route(HUB_STREAM_PATH, streams.handler, 'GET')
  runtime.listener.route(
    HUB_COMMANDS_PATH,
    commandsRoute({
      tokens,
      dispatcher: engine.dispatcher,
      // The hub's own alert feed and DND belong to nobody; a desktop keeps its own.
      shape: (command, result, agent) =>
        command === 'snapshot.get' ? { ...(result as object), alerts: [], dndUntil: null, agent } : result,
    }),
  )
  return {
    feed,
    streams,
    close() {
      streams?.close()
      tokens.close()
    },
  }
}

/**
 * Turns a runtime into the team hub: every store change and source status goes to the change feed, and the
 * listener gains `GET /v1/stream` and `POST /v1/commands` next to the webhook routes (one public URL).
 */
import type { Chat } from '../../../shared/chat'
import type { SourceStatus } from '../../../shared/protocol'
import { HUB_COMMANDS_PATH, HUB_STREAM_PATH } from '../../../shared/protocol/hub'
import type { Runtime } from '../../core/runtime/runtime'
import { type Caller, createHubAuth } from './auth'
import { createAuthThrottle } from './auth-throttle'
import { isLead } from './board'
import { attachBoard } from './board-attach'
import { createBoardSessions } from './board-sessions'
import type { ChangeFeed } from './change-feed'
import type { HubPeers } from './cluster'
import { logClusterChanges } from './cluster-log'
import { type ClusterState, singleHubState } from './cluster-state'
import { commandsRoute } from './commands'
import { createLocalFeed } from './local-feed'
import { createHubMetrics, type HubMetrics } from './metrics'
import { HUB_METRICS_PATH, HUB_READY_PATH, metricsRoute, readyRoute } from './ops-routes'
import { createCommandQuotas } from './quotas'
import { type HubPhase, readiness } from './readiness'
import { createSnapshotFrames } from './snapshot-frame'
import { createStreamHub, type StreamHub, type StreamLimits } from './streams'
import { attachTeam, type Team } from './team'
import type { TeamStore } from './team-store'
import { timedFeed } from './timed-feed'
import { watchTokensFile } from './tokens'

/** Each token's and each address's share of the hub (docs/hub.md, "Fair shares"). */
export interface HubShares {
  /** Commands one token may run per minute (a third of it at once). */
  commandsPerMinute: number
  /** Commands one token may have running at the same time. */
  commandConcurrency: number
  /** Missing or unknown tokens one address may present per minute before its attempts are refused. */
  authFailuresPerMinute: number
}

/** Options of the hub (from `--hub-tokens` and the `CHAT_TRAY_HUB_*` tuning variables). */
export interface HubOptions {
  tokensFile: string
  limits: StreamLimits
  shares: HubShares
  /** Changes kept for resuming clients. */
  replayEvents: number
  /** How often the tokens file is polled when fs.watch misses a change (ms). */
  tokensPollMs?: number
  /** Replaces the default in-process feed (another backend, see docs/scaling.md). */
  feed?: ChangeFeed
  /** Several hubs on one Redis: what this one publishes and shows (cluster.ts); absent: a single hub. */
  peers?: HubPeers
  /** This hub's role and the shared store's reachability, read per request (default: `singleHubState`). */
  cluster?: () => ClusterState
  /** The built supervisor board (default: found next to the hub's bundle, `findBoardDir`). */
  boardDir?: string | null
  /** Replaces the default in-memory claims and presence (another backend, see docs/scaling.md). */
  teamStore?: TeamStore
  /** An agent whose desktops sent no presence report for this long is stale (ms; default 75 s). */
  presenceStaleMs?: number
}

/** Defaults of the hub's tuning. */
export const HUB_DEFAULTS = {
  heartbeatMs: 15_000,
  maxBufferBytes: 1024 * 1024,
  replayEvents: 10_000,
  maxConnections: 10_000,
  streamsPerToken: 4,
  catchUpMs: 60_000,
  commandsPerMinute: 20,
  commandConcurrency: 4,
  authFailuresPerMinute: 10,
}

/** Listener connections never given to streams (webhooks and commands keep them): a tenth, at least 8. */
export function reservedConnections(maxConnections: number): number {
  return Math.max(8, Math.ceil(maxConnections / 10))
}

/** A hub attached to a runtime. */
export interface Hub {
  feed: ChangeFeed
  streams: StreamHub
  /** Its Prometheus metrics (a shared feed records its store round trips here). */
  metrics: HubMetrics
  /** The runtime has started: `/ready` may answer `200`. */
  started(): void
  /** A stop has begun: `/ready` answers `503` `draining` from now on, so load balancers leave this hub. */
  drain(): void
  team: Team
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
  const { peers } = options
  const log = engine.log
  const feed =
    options.feed ??
    createLocalFeed({
      stateDir: runtime.options.stateDir,
      maxEntries: options.replayEvents,
      log,
      health: runtime.state.health,
    })
  let streams: StreamHub | null = null
  let team: Team | null = null
  const tokens = watchTokensFile(options.tokensFile, {
    log,
    pollMs: options.tokensPollMs,
    onChange: () => {
      sessions.sweep()
      streams?.revalidate(stillValid)
      team?.presence.sweep()
    },
  })
  const sessions = createBoardSessions({ now: engine.now, lookup: (token) => tokens.lookup(token), isLead })
  /** A desktop's stream lives while its token does; the board's while its session does. */
  const stillValid = (caller: Caller) =>
    caller.session === undefined ? tokens.lookup(caller.token) !== null : sessions.find(caller.session) !== null
  // Before the feed's own subscriber below: a change is stamped with the ladder state it caused.
  team = attachTeam({
    engine,
    settings: () => runtime.options.settings.get(),
    tokens,
    feed,
    broadcast: (frame) => streams?.broadcast(frame),
    store: options.teamStore,
    staleAfterMs: options.presenceStaleMs,
    ladderPublisher: peers?.ladderPublisher,
  })
  const hubTeam = team
  const { stamp } = hubTeam
  const throttle = createAuthThrottle({ failuresPerMinute: options.shares.authFailuresPerMinute, log })
  const auth = createHubAuth(tokens, throttle)
  const quotas = createCommandQuotas({
    perMinute: options.shares.commandsPerMinute,
    concurrency: options.shares.commandConcurrency,
    log,
  })
  const cluster = options.cluster ?? peers?.state ?? singleHubState
  let phase: HubPhase = 'starting'
  const clusterLog = logClusterChanges(cluster, log)
  const metrics = createHubMetrics({ streams: () => streams?.count() ?? 0, cluster })
  const fanOut = timedFeed(feed, metrics.fannedOut)
  streams = createStreamHub({
    auth,
    feed: fanOut,
    limits: options.limits,
    log,
    snapshots: createSnapshotFrames({
      cursor: () => feed.lastId(),
      state: () => ({
        chats: engine.store.all().map(stamp),
        sources: (peers ? peers.statuses(engine.statuses()) : engine.statuses()).map(forDesktops),
      }),
      now: engine.now,
    }),
    greeting: () => hubTeam.presenceFrame(),
  })
  engine.bus.subscribe((event) => {
    const meta = peers ? peers.describe(event) : undefined
    if (meta === null) return
    if (event.type === 'chat.added' || event.type === 'chat.changed')
      feed.publish(event.type, { chat: stamp(event.chat) }, meta)
    else if (event.type === 'chat.removed') feed.publish('chat.removed', { key: event.key, reason: event.reason }, meta)
    else if (event.type === 'source.status') feed.publish('source.status', { status: forDesktops(event.status) }, meta)
    else return
    metrics.published(event.type)
  })
  runtime.observeRequests(metrics.requested)
  // Every POST route but the hub's own commands is a help desk's webhook route.
  runtime.listener.observeAnswers(({ path, method, status }) => {
    if (method === 'POST' && path !== HUB_COMMANDS_PATH) metrics.delivered(path, status)
  })
  runtime.listener.route(
    HUB_READY_PATH,
    readyRoute(() => readiness(phase, cluster(), engine.statuses())),
    'GET',
  )
  runtime.listener.route(HUB_METRICS_PATH, metricsRoute(auth, metrics), 'GET')
  runtime.listener.route(HUB_STREAM_PATH, streams.handler, 'GET')
  runtime.listener.route(
    HUB_COMMANDS_PATH,
    commandsRoute({
      auth,
      quotas,
      dispatcher: engine.dispatcher,
      once: peers?.once,
      // The hub's own alert feed and DND belong to nobody; a desktop keeps its own.
      shape: (command, result, agent) =>
        command === 'snapshot.get'
          ? {
              ...(result as object),
              chats: (result as { chats: Chat[] }).chats.map(stamp),
              alerts: [],
              dndUntil: null,
              agent,
            }
          : result,
    }),
  )
  const hubStreams = streams
  const board = attachBoard(runtime, {
    sessions,
    tokens,
    throttle,
    streams: hubStreams,
    stillValid,
    boardDir: options.boardDir,
  })
  runtime.listener.addHealth('hub', () => ({
    streams: hubStreams.health(),
    commands: quotas.health(),
    auth: throttle.health(),
    board: board.health(),
    replayLog: feed.health?.() ?? null,
    ...(peers ? { cluster: { ...peers.state(), ...peers.health() } } : {}),
    team: hubTeam.health(),
  }))
  return {
    feed,
    streams,
    metrics,
    team: hubTeam,
    started() {
      if (phase === 'starting') phase = 'serving'
    },
    drain() {
      phase = 'draining'
    },
    close() {
      phase = 'draining'
      board.close()
      hubTeam.close()
      streams?.close()
      fanOut.close()
      clusterLog.stop()
      tokens.close()
      feed.close?.()
    },
  }
}

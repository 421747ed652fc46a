/**
 * Two or more hubs on one Redis (`--redis URL`, docs/scaling.md): the shared feed (redis-feed.ts), the leader
 * lease (redis-lease.ts), the shared stores (redis-state.ts), and what ties them to this hub's runtime. Every hub
 * keeps its own store as a mirror of the shared log, so any hub takes any desktop, webhook or command; only the
 * leader runs the pollers of sources that declare `setPolling` (the hub names no desk); a follower neither
 * publishes those sources' statuses nor stamps a fence, and its snapshots show the leader's statuses of them.
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Chat } from '../../../shared/chat'
import type { ProtocolEvent, RemovalReason, SourceStatus } from '../../../shared/protocol'
import type { Logger } from '../../core/engine/log'
import type { ShareState } from '../../core/engine/persistence/state-dir'
import type { LocalOverlay } from '../../core/engine/store'
import type { Runtime } from '../../core/runtime/runtime'
import type { PublishMeta } from './change-feed'
import type { ClusterState } from './cluster-state'
import { createActionsOnce, type RunOnce } from './redis-actions'
import { COMMAND_TIMEOUT_MS, connectRedis } from './redis-client'
import { createRedisFeed, type RedisFeed, type RemoteChange } from './redis-feed'
import { createLease, type Lease } from './redis-lease'
import { createRedisState, type RedisState } from './redis-state'
import { createRedisTeamStore, type RedisTeamStore } from './redis-team-store'
import { type LadderPublisher, withoutStamps } from './team'

/** How a hub among several shapes what it publishes and shows (given to `attachHub`). */
export interface HubPeers {
  /** The meta to publish a change with, or null to leave it out (a mirrored change, a follower's poller status). */
  describe(event: ProtocolEvent): PublishMeta | null
  /** The statuses a snapshot shows, from this hub's own. */
  statuses(own: SourceStatus[]): SourceStatus[]
  state(): ClusterState
  health(): Record<string, unknown>
  /** Runs the same chat action once among hubs. */
  once: RunOnce
  /** The leader publishes the escalation ladder's own steps (every hub computes them alike). */
  ladderPublisher: LadderPublisher
}

/** Options of the cluster. */
export interface ClusterOptions {
  url: string
  /** The URL without its password (logs). */
  shown: string
  leaseMs: number
  replayEvents: number
  log: Logger
  connectTimeoutMs?: number
}

/** The cluster around one hub. */
export interface Cluster {
  feed: RedisFeed
  shareState: ShareState
  /** Claims and presence in Redis (given to `attachHub` as its `teamStore`). */
  teamStore: RedisTeamStore
  /** Mirrors the shared log into the built runtime (not started) and pauses its pollers; returns the peers. */
  join(runtime: Runtime): Promise<HubPeers>
  /** After the runtime started: takes the lease when free, and keeps trying. */
  campaign(): Promise<void>
  /** Releases the lease (SIGTERM: first, so another hub polls at once). */
  release(): Promise<void>
  /** After the listener stopped: waits (a little) for the outbox to reach Redis, then closes the connections. */
  stop(): Promise<void>
}

/** How long a stop waits for changes not yet in Redis (ms). */
const STOP_DRAIN_MS = 3_000

/** How long one XREAD blocks (ms). */
const FEED_BLOCK_MS = 2_000

const DEGRADED =
  'the hub lost its shared Redis: it serves desktops and webhooks from memory and catches up when Redis is back'

/** Connects to Redis (throws `RedisUnreachableError`) and loads the shared stores. */
export async function openCluster(options: ClusterOptions): Promise<Cluster> {
  const { log } = options
  const hubId = `${hostname().slice(0, 40)}-${process.pid}-${randomBytes(4).toString('hex')}`
  const client = await connectRedis(options.url, options.shown, log, `chat-tray-hub:${hubId}`, options.connectTimeoutMs)
  let reader: Awaited<ReturnType<typeof connectRedis>>
  try {
    // The blocking XREAD waits up to FEED_BLOCK_MS by design: its timeout is that plus the usual one.
    reader = await connectRedis(
      options.url,
      options.shown,
      log,
      `chat-tray-hub-feed:${hubId}`,
      options.connectTimeoutMs,
      FEED_BLOCK_MS + COMMAND_TIMEOUT_MS,
    )
  } catch (error) {
    client.disconnect()
    throw error
  }
  let subscriber: Awaited<ReturnType<typeof connectRedis>>
  try {
    // Pub/sub takes a connection to itself: the team store's changes from the other hubs.
    subscriber = await connectRedis(
      options.url,
      options.shown,
      log,
      `chat-tray-hub-team:${hubId}`,
      options.connectTimeoutMs,
    )
  } catch (error) {
    client.disconnect()
    reader.disconnect()
    throw error
  }
  const teamStore = createRedisTeamStore(client, subscriber, log)
  const feed = createRedisFeed({ client, reader, hubId, maxEntries: options.replayEvents, log, blockMs: FEED_BLOCK_MS })
  const state: RedisState = createRedisState(client, hubId, log)
  await state.load()
  await teamStore.start()
  let lease: Lease | null = null
  log.info('cluster: connected to Redis', { redis: options.shown, hub: hubId })

  const onLeader = new Set<() => void>()
  const onRemoteChat = new Set<(key: string) => void>()
  return {
    feed,
    teamStore,
    shareState: state.share,
    async join(runtime) {
      const { engine } = runtime
      const polled = () => new Set(engine.adapters.all().flatMap((a) => (a.setPolling ? [a.identity.id] : [])))
      const remoteStatuses = new Map<string, SourceStatus>()
      let mirroring = false
      const leader = () => lease?.isLeader() === true
      for (const adapter of engine.adapters.all()) adapter.setPolling?.(false)
      lease = createLease({
        client,
        hubId,
        ttlMs: options.leaseMs,
        log,
        onChange(isLeader) {
          const adapters = engine.adapters.all().filter((a) => a.setPolling)
          if (isLeader) for (const listener of onLeader) listener()
          if (!isLeader) {
            for (const adapter of adapters) adapter.setPolling?.(false)
            return
          }
          // The last leader moved the marks: read them before polling, or every open chat is read again.
          void state
            .refreshMarks()
            .catch((error) => log.warn('cluster: marks unreadable; polling from scratch', { error: String(error) }))
            .finally(() => {
              if (!leader()) return
              for (const adapter of adapters) {
                adapter.setPolling?.(true)
                engine.contextFor(adapter.identity.id).reportStatus(adapter.status())
              }
            })
        },
      })
      const mirror = ({ name, data, meta }: RemoteChange) => {
        mirroring = true
        try {
          if (name === 'source.status') {
            const status = (data as { status: SourceStatus }).status
            remoteStatuses.set(status.source, status)
          } else if (name === 'chat.removed') {
            const { key, reason } = data as { key: string; reason: RemovalReason }
            engine.store.remove(key, reason)
          } else {
            const chat = withoutStamps((meta.source ?? (data as { chat: Chat }).chat) as Chat)
            engine.store.apply(chat)
            engine.store.replaceOverlay(chat.key, meta.overlay as LocalOverlay | undefined)
          }
        } finally {
          mirroring = false
        }
        if (name !== 'source.status') {
          const key = (data as { key?: string }).key ?? (data as { chat: Chat }).chat.key
          for (const listener of onRemoteChat) listener(key)
        }
      }
      await feed.start(mirror)
      feed.onLink((up) => engine.notes.set(null, 'hub-degraded', up ? null : DEGRADED))
      if (!feed.up()) engine.notes.set(null, 'hub-degraded', DEGRADED)
      return {
        describe(event) {
          if (mirroring) return null
          if (event.type === 'source.status') {
            if (!polled().has(event.status.source)) return {}
            return leader() ? { fence: lease?.fence() ?? 0 } : null
          }
          if (event.type === 'chat.removed') return {}
          if (event.type !== 'chat.added' && event.type !== 'chat.changed') return null
          const meta: PublishMeta = {}
          if (leader() && polled().has(event.chat.source)) meta.fence = lease?.fence() ?? 0
          const overlay = engine.store.overlay(event.chat.key)
          if (overlay) {
            meta.overlay = overlay
            meta.source = engine.store.sourceVersion(event.chat.key)
          }
          return meta
        },
        statuses(own) {
          if (leader()) return own
          const ids = polled()
          return own.map((status) => (ids.has(status.source) ? (remoteStatuses.get(status.source) ?? status) : status))
        },
        state: () => ({
          role: leader() ? 'leader' : 'follower',
          store: feed.up() ? 'up' : 'down',
          fence: feed.fence(),
        }),
        once: createActionsOnce(client, hubId),
        ladderPublisher: {
          active: leader,
          onActive: (listener) => void onLeader.add(listener),
          onRemote: (listener) => void onRemoteChat.add(listener),
        },
        health: () => ({
          hub: hubId,
          leader: leader(),
          leaseFence: lease?.fence() ?? 0,
          state: state.health(),
          team: teamStore.health(),
        }),
      }
    },
    async campaign() {
      await lease?.start()
    },
    async release() {
      await lease?.release()
    },
    async stop() {
      await lease?.release()
      feed.close?.()
      if (!(await feed.drained(STOP_DRAIN_MS)))
        log.error('cluster: changes not yet in Redis at stop are lost to the other hubs', {
          waiting: feed.health?.().waiting,
        })
      teamStore.close()
      subscriber.disconnect()
      await client.quit().catch(() => client.disconnect())
    },
  }
}

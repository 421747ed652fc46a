/**
 * The state every hub on one Redis shares, behind the stores the core already has (`ShareState`): each polled
 * source's high-water mark (`chat-tray:mark:<source>`), answered delivery ids (`SET chat-tray:delivery:<source>:<id>
 * 1 NX EX 86400`), the organisation's request budget (a sliding-minute log `chat-tray:budget:<source>` in one Lua
 * script on Redis's clock) and the snoozes and read marks kept by the hub (hash `chat-tray:overlays`). Reads are
 * served from memory (loaded at start, the marks again when this hub becomes leader); writes go to Redis. While
 * Redis is down each store falls back to this hub's own (ids in memory, the local bucket alone) and says so.
 */
import type { Redis } from 'ioredis'
import type { Logger } from '../../core/engine/log'
import type { Cell } from '../../core/engine/persistence/cell'
import type { SeenIds } from '../../core/engine/persistence/delivery-ids'
import type {
  HighWaterMarkStore,
  SavedOverlay,
  SharedBudget,
  ShareState,
  SourceFiles,
  StateStores,
} from '../../core/engine/persistence/state-dir'
import { KEYS } from './redis-client'

/** How long a delivery id is remembered by every hub (s): help desks retry within hours, not days. */
export const DELIVERY_TTL_S = 86_400

const BUDGET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], 61000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + 60000 - now + 1`

/** The shared stores, with what the hub's wiring needs around them. */
export interface RedisState {
  /** Reads the overlays and marks (before the runtime is built). */
  load(): Promise<void>
  /** Reads the marks again (this hub just became the leader: the last one moved them). */
  refreshMarks(): Promise<void>
  share: ShareState
  /** What `/health` shows. */
  health(): Record<string, number>
}

/** Creates the shared stores on `client`. */
export function createRedisState(client: Redis, hubId: string, log: Logger): RedisState {
  const marks = new Map<string, number | null>()
  const sources = new Map<string, SourceFiles>()
  const counts = {
    markWriteFailures: 0,
    claimFallbacks: 0,
    budgetFallbacks: 0,
    budgetWaits: 0,
    overlayWriteFailures: 0,
  }
  let overlays: SavedOverlay[] = []
  let overlaysDirty = false
  let grant = 0

  const markStore = (source: string): HighWaterMarkStore => ({
    get: () => marks.get(source) ?? null,
    set(value) {
      marks.set(source, value)
      client.set(KEYS.mark(source), String(value)).catch(() => counts.markWriteFailures++)
    },
  })
  const seenIds = (source: string, local: SeenIds): SeenIds => ({
    has: (id) => local.has(id),
    add: (id) => local.add(id),
    async claim(id) {
      try {
        const fresh = (await client.set(KEYS.delivery(source, id), '1', 'EX', DELIVERY_TTL_S, 'NX')) === 'OK'
        local.add(id)
        return fresh
      } catch {
        // Redis down: this hub's own memory decides (a redelivery through another hub is applied again, by version).
        counts.claimFallbacks++
        if (local.has(id)) return false
        local.add(id)
        return true
      }
    },
    close: () => local.close?.(),
  })
  const budget = (source: string): SharedBudget => ({
    async take(perMinute) {
      const member = `${hubId}:${++grant}`
      for (let tries = 0; tries < 120; tries++) {
        let waitMs: number
        try {
          waitMs = Number(await client.eval(BUDGET, 1, KEYS.budget(source), String(Math.max(1, perMinute)), member))
        } catch {
          counts.budgetFallbacks++
          return
        }
        if (waitMs <= 0) return
        counts.budgetWaits++
        await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 1_000)))
      }
    },
  })
  const overlaysCell: Cell<SavedOverlay[]> = {
    get: () => overlays,
    set(value) {
      const before = new Map(overlays.map((entry) => [entry[0], JSON.stringify(entry)]))
      overlays = value
      const write = client.multi()
      if (overlaysDirty) write.del(KEYS.overlays)
      for (const entry of value) {
        const text = JSON.stringify(entry)
        if (overlaysDirty || before.get(entry[0]) !== text) write.hset(KEYS.overlays, entry[0], text)
        before.delete(entry[0])
      }
      if (!overlaysDirty) for (const key of before.keys()) write.hdel(KEYS.overlays, key)
      overlaysDirty = false
      write.exec().catch(() => {
        counts.overlayWriteFailures++
        overlaysDirty = true
      })
    },
  }
  const readMarks = async () => {
    for (const source of [...sources.keys(), ...marks.keys()]) {
      const text = await client.get(KEYS.mark(source))
      marks.set(source, text === null ? null : Number(text))
    }
  }

  return {
    async load() {
      const all = await client.hgetall(KEYS.overlays)
      overlays = Object.values(all).flatMap((text) => {
        try {
          const entry = JSON.parse(text) as unknown
          if (isSavedOverlay(entry)) return [entry]
        } catch {}
        log.warn('redis: an unreadable overlay was skipped')
        return []
      })
    },
    refreshMarks: readMarks,
    share: (local: StateStores): StateStores => ({
      ...local,
      overlays: overlaysCell,
      forSource(source) {
        const known = sources.get(source)
        if (known) return known
        const own = local.forSource(source)
        const files = {
          highWaterMark: markStore(source),
          deliveryIds: seenIds(source, own.deliveryIds),
          budget: budget(source),
        }
        sources.set(source, files)
        return files
      },
    }),
    health: () => ({ ...counts }),
  }
}

/** A saved overlay as the state directory keeps it: `[chat key, {snoozedUntil?, readAtVersion?, …}, savedAt]`. */
function isSavedOverlay(value: unknown): value is SavedOverlay {
  if (!Array.isArray(value) || value.length !== 3) return false
  const [key, overlay, savedAt] = value as unknown[]
  return (
    typeof key === 'string' &&
    key.length <= 400 &&
    typeof overlay === 'object' &&
    overlay !== null &&
    !Array.isArray(overlay) &&
    typeof savedAt === 'number'
  )
}

/**
 * The hub's change log and change bus behind one small interface. Every change gets the next id, is kept in a
 * bounded replay log and is published to live streams. The default keeps the log in memory and appends it to
 * a file in the state directory, so a restarted hub resumes its clients; a shared engine (Redis streams, NATS
 * JetStream) would implement the same interface for several hubs (docs/scaling.md).
 */
import { appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { HUB_EVENT_NAMES, type HubChangeName, type HubEventData } from '../../../shared/protocol/hub'
import type { Logger } from '../../core/engine/log'
import { readTextIfExists, writeFileAtomic } from '../../core/engine/persistence/atomic-file'
import { parseNdjsonLines } from '../../core/engine/persistence/ndjson-lines'

/** One numbered change, with its SSE frame serialised once for every client. */
export interface FeedEntry {
  id: number
  name: HubChangeName
  frame: string
}

/** The replay log plus the bus. */
export interface ChangeFeed {
  /** Numbers, logs and publishes one change. */
  publish<K extends HubChangeName>(name: K, data: HubEventData[K]): FeedEntry
  /** The id of the newest change (a fresh log starts at the current time in ms, so ids never go back). */
  lastId(): number
  /** The changes after `id`, or null when `id` is not in the log (older than it keeps, or unknown). */
  since(id: number): FeedEntry[] | null
  /** Receives every change published from now on. */
  subscribe(listener: (entry: FeedEntry) => void): () => void
}

/** Options of the default feed. */
export interface LocalFeedOptions {
  /** Directory of `hub-events.ndjson`; null = memory only. */
  stateDir: string | null
  /** How many changes the replay log keeps. */
  maxEntries: number
  log: Logger
  now?: () => number
}

/** The log file's name in the state directory. */
export const FEED_FILE = 'hub-events.ndjson'

const lineSchema = z.object({ id: z.number().int().positive(), name: z.enum(HUB_EVENT_NAMES), data: z.unknown() })

/** Builds one SSE message. `data` is JSON, which never contains a raw newline. */
export function sseFrame(name: string, id: number, data: unknown): string {
  return `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`
}

/** The in-process feed, persisted as NDJSON in the state directory. */
export function createLocalFeed(options: LocalFeedOptions): ChangeFeed {
  const { maxEntries, log } = options
  const path = options.stateDir ? join(options.stateDir, FEED_FILE) : null
  const entries: FeedEntry[] = []
  const listeners = new Set<(entry: FeedEntry) => void>()
  let last = 0
  let fileLines = 0

  if (path && existsSync(path)) {
    const lines = (readTextIfExists(path) ?? '').split('\n')
    const { items, invalid } = parseNdjsonLines(lines, lineSchema)
    if (invalid > 0) log.warn('hub replay log: unreadable lines skipped', { invalid })
    for (const item of items) {
      if (item.id <= last || item.name === 'snapshot') continue
      entries.push({ id: item.id, name: item.name, frame: sseFrame(item.name, item.id, item.data) })
      last = item.id
    }
    entries.splice(0, Math.max(0, entries.length - maxEntries))
    fileLines = items.length
  }
  if (last === 0) last = (options.now ?? Date.now)()

  const compact = () => {
    if (!path) return
    const text = entries.map((e) => `${JSON.stringify({ id: e.id, name: e.name, data: frameData(e.frame) })}\n`)
    writeFileAtomic(path, text.join(''))
    fileLines = entries.length
  }

  return {
    publish(name, data) {
      last += 1
      const entry: FeedEntry = { id: last, name, frame: sseFrame(name, last, data) }
      entries.push(entry)
      if (entries.length > maxEntries) entries.shift()
      if (path) {
        try {
          appendFileSync(path, `${JSON.stringify({ id: last, name, data })}\n`, { mode: 0o600 })
          fileLines += 1
          if (fileLines > 2 * maxEntries) compact()
        } catch (error) {
          log.error('hub replay log: write failed (clients may need a fresh snapshot after a restart)', { error })
        }
      }
      for (const listener of listeners) listener(entry)
      return entry
    },
    lastId: () => last,
    since(id) {
      if (id === last) return []
      if (id > last) return null
      const first = entries[0]
      if (!first || id < first.id - 1) return null
      return entries.slice(id - first.id + 1)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

function frameData(frame: string): unknown {
  const at = frame.indexOf('\ndata: ')
  return JSON.parse(frame.slice(at + 7, frame.length - 2))
}

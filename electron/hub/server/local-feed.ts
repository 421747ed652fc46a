/**
 * The default change feed: the replay log in memory, appended to `hub-events.ndjson` in the state directory and
 * read back at start (feed-file.ts), with a guard (feed-guard.ts) that keeps ids from ever being issued twice and
 * says whether the file holds every change streamed. Ids follow the clock (ms) and never go back.
 */
import { join } from 'node:path'
import type { HubChangeName, HubEventData } from '../../../shared/protocol/hub'
import type { Logger } from '../../core/engine/log'
import { AppendLog } from '../../core/engine/persistence/append-log'
import type { StateHealth } from '../../core/engine/persistence/state-health'
import { type ChangeFeed, type FeedEntry, sseFrame } from './change-feed'
import { loadFeedLog } from './feed-file'
import { FeedGuard } from './feed-guard'

/** The append writer the default feed uses (an `AppendLog`; tests inject one whose disk fails). */
export interface FeedWriter {
  readPrevious(): string | null
  copyAside(why: string): void
  append(record: unknown): void
  /** Records appended since the last one that reached the file. */
  readonly unsaved: number
  /** Lines appended since the file was last rewritten. */
  readonly appended: number
  rewrite(records: Iterable<unknown>): void
  close(): void
}

/** Options of the default feed. */
export interface LocalFeedOptions {
  /** Directory of `hub-events.ndjson` and its guard; null = memory only. */
  stateDir: string | null
  /** How many changes the replay log keeps. */
  maxEntries: number
  log: Logger
  now?: () => number
  /** Replaces the `AppendLog` on the log file. */
  writer?: FeedWriter
  /** Where lines the disk would not take yet are told (the state-unsaved notice, `/health` `state`). */
  health?: StateHealth
}

/** The log file's name in the state directory. */
export const FEED_FILE = 'hub-events.ndjson'
/** The guard file's name (reserved ids and whether the log is whole; see feed-guard.ts). */
export const FEED_GUARD_FILE = 'hub-events.guard'
/** Ids reserved ahead in the guard: a later run starts above them even if the clock went back this far (ms). */
export const RESERVED_IDS = 600_000

interface LocalEntry extends FeedEntry {
  seq: number
  /** The id of the change before it: a client that saw that one resumes exactly here. */
  prev: number
}

/** The in-process feed: it gives every change its id at once. */
export interface LocalFeed extends ChangeFeed {
  publish<K extends HubChangeName>(name: K, data: HubEventData[K]): FeedEntry
}

/** The in-process feed, persisted as NDJSON in the state directory. */
export function createLocalFeed(options: LocalFeedOptions): LocalFeed {
  const { maxEntries, log } = options
  const now = options.now ?? Date.now
  const dir = options.stateDir
  const writer =
    options.writer ??
    (dir
      ? new AppendLog(join(dir, FEED_FILE), log, now, {
          appendFailed: 'hub replay log: write failed (the change is streamed; a restart resumes no one before it)',
          compactFailed: 'hub replay log: could not compact',
          health: options.health,
        })
      : null)
  const guard = dir ? new FeedGuard(join(dir, FEED_GUARD_FILE)) : null
  const entries: LocalEntry[] = []
  const listeners = new Set<(entry: FeedEntry) => void>()
  const counts = { appendFailures: 0, invalidAtLoad: 0, gapsAtLoad: 0, notResumableAtLoad: 0 }
  let guarded = guard !== null
  let reserved = 0
  let intact = true

  const entryOf = (seq: number, prev: number, name: HubChangeName, data: unknown): LocalEntry => ({
    id: String(seq),
    seq,
    prev,
    name,
    frame: sseFrame(name, seq, data),
  })
  const lineOf = (e: LocalEntry) => ({ id: e.seq, prev: e.prev, name: e.name, data: frameData(e.frame) })
  const saveGuard = () => {
    if (!guard || !guarded || guard.write({ reserved, intact })) return
    // A guard that cannot be kept must not vouch for this run: without one, a restart resumes no one.
    guarded = false
    guard.remove()
    log.error('hub replay log: its guard file cannot be written; after a restart every desktop gets a snapshot')
  }

  // Load what an earlier run left. Only a log whose guard says it is whole can be resumed from.
  const previous = writer?.readPrevious() ?? null
  const before = guard?.read() ?? null
  const loaded = previous === null ? null : loadFeedLog(previous, maxEntries)
  let changes = loaded?.changes ?? []
  if (loaded && loaded.invalid > 0) {
    counts.invalidAtLoad = loaded.invalid
    log.warn('hub replay log: unreadable lines skipped; no resume crosses them', { invalid: loaded.invalid })
    writer?.copyAside(`${loaded.invalid} unreadable line(s)`)
  }
  if (loaded && loaded.breaks > 0) counts.gapsAtLoad = loaded.breaks
  if (changes.length > 0 && before?.intact !== true) {
    counts.notResumableAtLoad = changes.length
    log.warn('hub replay log: the last run may have streamed changes it could not keep; desktops get a snapshot', {
      changes: changes.length,
    })
    changes = []
  }
  for (const c of changes) entries.push(entryOf(c.id, c.prev, c.name, c.data))
  const highest = Math.max(loaded?.highestId ?? 0, before?.reserved ?? 0)
  // An empty log starts at a resume point above every id ever issued, so no earlier id can match it.
  let last = entries.at(-1)?.seq ?? Math.max(highest + 1, now())
  const minNext = Math.max(highest, last) + 1
  if (writer && loaded && (loaded.invalid > 0 || loaded.breaks > 0 || changes.length < loaded.changes.length))
    writer.rewrite(entries.map(lineOf))
  reserved = minNext + RESERVED_IDS
  saveGuard()

  const indexOf = (seq: number): number => {
    let low = 0
    let high = entries.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const at = (entries[mid] as LocalEntry).seq
      if (at === seq) return mid
      if (at < seq) low = mid + 1
      else high = mid - 1
    }
    return -1
  }

  return {
    publish(name, data) {
      const seq = Math.max(last + 1, minNext, now())
      // Reserve before streaming: a later run must start above every id a desktop may hold.
      if (seq + RESERVED_IDS / 2 > reserved) {
        reserved = seq + RESERVED_IDS
        saveGuard()
      }
      const entry = entryOf(seq, last, name, data)
      last = seq
      entries.push(entry)
      if (entries.length > maxEntries) entries.shift()
      if (writer) {
        writer.append(lineOf(entry))
        if (writer.unsaved > 0) counts.appendFailures++
        // Said before the change is streamed: a restart then knows the log's tail may be missing changes.
        if ((writer.unsaved === 0) !== intact) {
          intact = writer.unsaved === 0
          saveGuard()
        }
        if (writer.appended > 2 * maxEntries) writer.rewrite(entries.map(lineOf))
      }
      for (const listener of listeners) listener(entry)
      return entry
    },
    lastId: () => String(last),
    since(id) {
      if (!/^\d{1,16}$/.test(id)) return null
      const seq = Number(id)
      if (seq === last) return []
      const first = entries[0]
      if (!first) return null
      if (seq === first.prev) return entries.slice()
      const at = indexOf(seq)
      return at === -1 ? null : entries.slice(at + 1)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    health: () => ({
      entries: entries.length,
      lastId: String(last),
      persisted: writer !== null,
      intact,
      guarded,
      appendFailures: counts.appendFailures,
      atLoad: { invalid: counts.invalidAtLoad, gaps: counts.gapsAtLoad, notResumable: counts.notResumableAtLoad },
    }),
    close() {
      writer?.close()
      guard?.close()
    },
  }
}

function frameData(frame: string): unknown {
  const at = frame.indexOf('\ndata: ')
  return JSON.parse(frame.slice(at + 7, frame.length - 2))
}

/**
 * The hub's change log and change bus behind one small interface. Every change gets an id, is kept in a
 * bounded replay log and is published to live streams. Ids are opaque, ordered strings (a shared engine such
 * as Redis Streams issues `1700000000000-0`): nothing outside a feed parses them, and `since` finds a resume
 * point by id, never by position. The default feed (local-feed.ts) keeps the log in memory and appends it to a
 * file in the state directory, so a restarted hub resumes its clients (docs/hub.md, "The replay log").
 */
import type { HubChangeName, HubEventData } from '../../../shared/protocol/hub'

/** One change with its id, its SSE frame serialised once for every client. */
export interface FeedEntry {
  id: string
  name: HubChangeName
  frame: string
}

/**
 * What a shared feed carries besides the frame, so another hub can mirror the change into its own store
 * (redis-feed.ts); the in-process feed ignores it.
 */
export interface PublishMeta {
  /** The leader's fencing token, on changes of a source only the leader polls (stale ones are ignored). */
  fence?: number
  /** The chat as its source gave it, when an overlay (snooze, read mark) makes the published one differ. */
  source?: unknown
  /** The chat's overlay (snooze, read mark) at this hub, if any. */
  overlay?: unknown
}

/** The replay log plus the bus. */
export interface ChangeFeed {
  /**
   * Gives the change the next id, logs it and publishes it. A shared feed gives the id later (when the engine
   * has it) and returns null; subscribers get the entry then.
   */
  publish<K extends HubChangeName>(name: K, data: HubEventData[K], meta?: PublishMeta): FeedEntry | null
  /** The id of the newest change: the resume point of a snapshot taken now. */
  lastId(): string
  /** The changes after `id`, or null when the feed cannot say exactly which (the client then needs a snapshot). */
  since(id: string): FeedEntry[] | null
  /** Receives every change published from now on. */
  subscribe(listener: (entry: FeedEntry) => void): () => void
  /** What `/health` shows about the log. */
  health?(): Record<string, unknown>
  /** Releases its files (the hub is stopping). */
  close?(): void
}

/** Builds one SSE message. `data` is JSON, which never contains a raw newline. */
export function sseFrame(name: string, id: string | number, data: unknown): string {
  return `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`
}

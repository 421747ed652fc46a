/**
 * A hub's copy of the shared change log (Redis Streams), so `since` and `lastId` answer synchronously, in the
 * same turn as `subscribe` (streams.ts relies on that: nothing falls between a replay and going live). It holds
 * what the stream holds: read with XRANGE at start, then every entry the hub's XREAD loop receives, bounded like
 * the stream (MAXLEN). While Redis is down, this hub's own changes are streamed at once under provisional ids
 * (`local-<n>`), which only this hub knows; once their stream copies arrive they are dropped, and a desktop
 * still holding one gets a snapshot (an unknown id), never a wrong resume.
 */
import type { FeedEntry } from './change-feed'

/** The log's entries by id, in stream order, plus the provisional ones of an outage. */
export class FeedMirror {
  private readonly entries: FeedEntry[] = []
  private readonly positions = new Map<string, number>()
  private base = 0
  private provisional: FeedEntry[] = []
  private provisionalIds = new Map<string, number>()
  /** The newest stream id seen (the stream's last id at start when it is empty here). */
  private cursor: string

  constructor(
    private readonly maxEntries: number,
    start: string,
  ) {
    this.cursor = start
  }

  /** Adds an entry of the stream (ids ascending). */
  add(entry: FeedEntry): void {
    this.positions.set(entry.id, this.base + this.entries.length)
    this.entries.push(entry)
    this.cursor = entry.id
    while (this.entries.length > this.maxEntries) {
      const dropped = this.entries.shift() as FeedEntry
      this.positions.delete(dropped.id)
      this.base++
    }
  }

  /** Moves past a stream entry that is not streamed (a stale fence, an unreadable entry). */
  skip(id: string): void {
    this.cursor = id
  }

  /** Adds a change streamed before the shared log has it (Redis down). */
  addProvisional(entry: FeedEntry): void {
    this.provisionalIds.set(entry.id, this.provisional.length)
    this.provisional.push(entry)
  }

  /** The provisional changes are all in the stream now: forget them. */
  dropProvisional(): void {
    if (this.provisional.length === 0) return
    this.provisional = []
    this.provisionalIds = new Map()
  }

  /** No resume may cross what came before (the stream lost or skipped entries): forget every id. */
  forgetAll(): void {
    this.entries.length = 0
    this.positions.clear()
    this.base = 0
  }

  /** The newest stream id seen. */
  streamId(): string {
    return this.cursor
  }

  /** The resume point of a snapshot taken now. */
  lastId(): string {
    return this.provisional.at(-1)?.id ?? this.cursor
  }

  /** The changes after `id`, or null when this copy cannot say exactly which. */
  since(id: string): FeedEntry[] | null {
    const local = this.provisionalIds.get(id)
    if (local !== undefined) return this.provisional.slice(local + 1)
    if (id === this.cursor) return this.provisional.slice()
    const at = this.positions.get(id)
    if (at === undefined) return null
    return [...this.entries.slice(at - this.base + 1), ...this.provisional]
  }

  /** How many entries are held (stream, provisional). */
  size(): { entries: number; provisional: number } {
    return { entries: this.entries.length, provisional: this.provisional.length }
  }
}

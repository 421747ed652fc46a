/**
 * The alert journal: which chat transitions were already alerted. The policy asks `has(id)` before raising
 * and calls `record()` — which is durable when it returns — before emitting, so an alert is never raised
 * twice, even across a crash. Bounded: records of chats closed longer than the retention period go, records
 * older than `maxAgeMs` go, and at most `maxRecords` are kept (oldest first out).
 * Over 200 lines on purpose: recording, bounding and compaction share one in-memory index and one file;
 * splitting them would expose that index. The file format lives in `journal-file.ts`.
 */
import { z } from 'zod'
import { parseNdjsonLines } from './ndjson-lines'

/** One alerted transition. `ep` is the episode (epoch ms) the transition belongs to. */
export interface JournalRecord {
  id: string
  chat: string
  kind: string
  ep: number
  at: number
}

/** Where journal lines go (a file in the state directory; absent in memory mode). */
export interface JournalSink {
  /** Appends lines; when `durable`, returns only after they are on disk. */
  append(text: string, durable: boolean): void
  /** Replaces the whole journal with `text` atomically. */
  rewrite(text: string): void
}

/** Bounds of the journal. */
export interface JournalLimits {
  retentionMs: number
  maxAgeMs: number
  maxRecords: number
}

/** Defaults: closed chats forgotten after 7 days, anything after 30 days, at most 50,000 records. */
export const DEFAULT_JOURNAL_LIMITS: JournalLimits = {
  retentionMs: 7 * 86_400_000,
  maxAgeMs: 30 * 86_400_000,
  maxRecords: 50_000,
}

/** What the journal knows of one chat: how many records it holds, and the latest episode of each kind. */
interface ChatRecords {
  count: number
  latest: Record<string, number>
}

const recordLine = z.object({
  t: z.literal('a'),
  id: z.string().max(1000),
  chat: z.string().max(400),
  kind: z.string().max(40),
  ep: z.number(),
  at: z.number(),
})
const closeLine = z.object({ t: z.literal('c'), chat: z.string().max(400), at: z.number() })
const line = z.discriminatedUnion('t', [recordLine, closeLine])

/** How a load went: lines kept, invalid lines skipped, and whether the last line was cut short by a crash. */
export interface LoadReport {
  records: number
  invalid: number
  truncatedTail: boolean
}

/** The journal index (+ optional durable sink). */
export class AlertJournal {
  private records = new Map<string, JournalRecord>()
  /**
   * The records in the order they were indexed, for evicting the oldest: iterating the map from its start after
   * many deletions walks over every deleted slot again, which made each eviction cost the size of the journal.
   * A record re-indexed later stays here too; eviction skips entries the map no longer holds as they are.
   */
  private order: JournalRecord[] = []
  private orderHead = 0
  private closedAt = new Map<string, number>()
  /** Records per chat (so close marks are kept only for chats the journal knows). */
  private perChat = new Map<string, ChatRecords>()
  private appendedLines = 0

  constructor(
    private readonly now: () => number,
    private readonly limits: JournalLimits = DEFAULT_JOURNAL_LIMITS,
    private sink: JournalSink | null = null,
  ) {}

  /** True if the transition was already alerted (or absorbed into a summary). */
  has(id: string): boolean {
    return this.records.has(id)
  }

  /** True if any transition of this chat is recorded (a cheap pre-check before building transition ids). */
  knowsChat(chat: string): boolean {
    return this.perChat.has(chat)
  }

  /** The latest recorded episode of `kind` for `chat` (for chats first seen after a restart). */
  latestEpisode(chat: string, kind: string): number | undefined {
    return this.perChat.get(chat)?.latest[kind]
  }

  /** Number of records held. */
  get size(): number {
    return this.records.size
  }

  /** Records transitions durably (one fsync for the batch), then indexes them. */
  record(entries: readonly Omit<JournalRecord, 'at'>[]): void {
    const at = this.now()
    // Built field by field (no filter-then-spread): at a steady stream of new chats this runs twice per chat.
    const records: JournalRecord[] = []
    for (const e of entries) {
      if (!this.records.has(e.id)) records.push({ id: e.id, chat: e.chat, kind: e.kind, ep: e.ep, at })
    }
    if (records.length === 0) return
    // Indexed first: if the disk write throws, this run still never repeats them (the caller reports the error).
    for (const r of records) this.index(r)
    this.sink?.append(records.map((r) => `${JSON.stringify({ t: 'a', ...r })}\n`).join(''), true)
    this.appendedLines += records.length
    this.enforceCap()
    this.maybeCompact()
  }

  /** Notes that a chat closed or left (a pruning hint; not worth an fsync). */
  markClosed(chat: string): void {
    if (this.closedAt.has(chat) || !this.hasChat(chat)) return
    const at = this.now()
    this.closedAt.set(chat, at)
    this.sink?.append(`${JSON.stringify({ t: 'c', chat, at })}\n`, false)
    this.appendedLines++
    this.maybeCompact()
  }

  /** Loads journal text (NDJSON) written by an earlier run, replacing the index. */
  load(text: string): LoadReport {
    const lines = text.split('\n')
    const tail = lines.pop() ?? ''
    const report: LoadReport = { records: 0, invalid: 0, truncatedTail: tail.trim() !== '' }
    const { items, invalid } = parseNdjsonLines(lines, line)
    report.invalid = invalid
    for (const parsed of items) {
      if (parsed.t === 'a')
        this.index({ id: parsed.id, chat: parsed.chat, kind: parsed.kind, ep: parsed.ep, at: parsed.at })
      else if (this.hasChat(parsed.chat)) this.closedAt.set(parsed.chat, parsed.at)
    }
    this.prune()
    report.records = this.records.size
    return report
  }

  /** Attaches the durable sink (after `load`). */
  attach(sink: JournalSink): void {
    this.sink = sink
  }

  /** Drops what is past retention or over the cap, and rewrites the sink compactly. */
  compact(): void {
    this.prune()
    this.sink?.rewrite(this.serialise())
    this.appendedLines = 0
  }

  /** The journal as NDJSON (records, then close marks). */
  serialise(): string {
    let out = ''
    for (const r of this.records.values()) out += `${JSON.stringify({ t: 'a', ...r })}\n`
    for (const [chat, at] of this.closedAt) out += `${JSON.stringify({ t: 'c', chat, at })}\n`
    return out
  }

  private index(r: JournalRecord): void {
    let entry = this.perChat.get(r.chat)
    if (!entry) {
      entry = { count: 0, latest: {} }
      this.perChat.set(r.chat, entry)
    }
    if (!this.records.delete(r.id)) entry.count++
    this.records.set(r.id, r)
    this.order.push(r)
    if (this.closedAt.size > 0) this.closedAt.delete(r.chat)
    if ((entry.latest[r.kind] ?? Number.NEGATIVE_INFINITY) <= r.ep) entry.latest[r.kind] = r.ep
  }

  private hasChat(chat: string): boolean {
    return this.perChat.has(chat)
  }

  private prune(): void {
    const now = this.now()
    const kept = [...this.records.values()].filter((r) => {
      const closed = this.closedAt.get(r.chat)
      if (closed !== undefined && closed < now - this.limits.retentionMs) return false
      return r.at >= now - this.limits.maxAgeMs
    })
    this.rebuild(kept.slice(Math.max(0, kept.length - this.limits.maxRecords)))
  }

  /**
   * Forgets the oldest records beyond the cap one by one (no rebuild of the whole index: at a steady stream of
   * new chats the cap is reached on every record). The file follows at its next compaction.
   */
  private enforceCap(): void {
    while (this.records.size > this.limits.maxRecords && this.orderHead < this.order.length) {
      const r = this.order[this.orderHead++] as JournalRecord
      if (this.records.get(r.id) !== r) continue // re-indexed later (or already gone)
      this.records.delete(r.id)
      const entry = this.perChat.get(r.chat)
      if (entry && --entry.count > 0) continue
      this.perChat.delete(r.chat)
      if (this.closedAt.size > 0) this.closedAt.delete(r.chat)
    }
    // Drop the consumed head now and then, so the queue stays about as long as the journal.
    if (this.orderHead > 1024 && this.orderHead * 2 > this.order.length) {
      this.order = this.order.slice(this.orderHead)
      this.orderHead = 0
    }
  }

  private rebuild(kept: JournalRecord[]): void {
    const closed = this.closedAt
    this.records = new Map()
    this.order = []
    this.orderHead = 0
    this.perChat = new Map()
    this.closedAt = new Map()
    for (const r of kept) this.index(r)
    for (const [chat, at] of closed) if (this.hasChat(chat)) this.closedAt.set(chat, at)
  }

  private maybeCompact(): void {
    if (this.sink && this.appendedLines > 2 * (this.records.size + this.closedAt.size) + 1000) this.compact()
  }
}

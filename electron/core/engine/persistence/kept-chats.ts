/**
 * The chats of webhook-only sources (DeskDirector). Such a source sends each change once and never again, so
 * chats it delivered before a crash would otherwise be gone. Every change is appended with a plain write()
 * before the delivery is answered — that survives a process crash (the kernel has the bytes) — and fsynced
 * within `syncMs`, bounding what a power cut can take. Closed chats are kept for `closedRetentionMs` too: their
 * version is what stops a late, stale copy (a sender's retry) from bringing them back as waiting. The file is
 * rewritten atomically at load and when it has grown, and is bounded: removed chats leave, closed ones after
 * `closedRetentionMs`, any untouched for `maxAgeMs`, and at most `maxChats` stay (oldest news out).
 */
import { z } from 'zod'
import { type Chat, isOpen } from '../../../../shared/chat'
import { boundedChatSchema, MAX_CHAT_KEY } from '../../../../shared/transforms/bounds'
import type { Logger } from '../log'
import { type AppendLog, appendLogAt } from './append-log'
import { parseNdjsonLines } from './ndjson-lines'

/** Bounds and timing of the kept chats. */
export interface KeptChatsLimits {
  maxChats: number
  closedRetentionMs: number
  maxAgeMs: number
  syncMs: number
}

/** Defaults: 10,000 chats, closed ones for a day, any for a week without news, fsync within one second. */
export const DEFAULT_KEPT_CHATS_LIMITS: KeptChatsLimits = {
  maxChats: 10_000,
  closedRetentionMs: 86_400_000,
  maxAgeMs: 7 * 86_400_000,
  syncMs: 1_000,
}

const line = z.discriminatedUnion('t', [
  z.object({ t: z.literal('s'), chat: boundedChatSchema }),
  z.object({ t: z.literal('d'), key: z.string().max(MAX_CHAT_KEY) }),
])

/** The kept chats of one run; `path` null = memory only (nothing survives, nothing is written). */
export class KeptChats {
  private chats = new Map<string, Chat>()
  private readonly file: AppendLog | null

  constructor(
    path: string | null,
    log: Logger,
    private readonly now: () => number,
    private readonly limits: KeptChatsLimits = DEFAULT_KEPT_CHATS_LIMITS,
  ) {
    this.file = appendLogAt(path, log, now, {
      appendFailed: 'could not keep a webhook chat; it will not survive a restart',
      compactFailed: 'could not compact kept webhook chats',
      syncFailed: 'could not sync kept webhook chats',
      syncMs: limits.syncMs,
    })
    if (this.file !== null) this.load(this.file)
  }

  /** The kept chats of `source` (to restore before the listener accepts deliveries), oldest news first. */
  of(source: string): Chat[] {
    return [...this.chats.values()].filter((chat) => chat.source === source)
  }

  /** Records a chat's latest source version (open or closed). Never throws. */
  note(chat: Chat): void {
    // Memory mode keeps nothing: there is no later run to restore into.
    if (this.file === null || this.chats.get(chat.key) === chat) return
    this.chats.delete(chat.key) // re-inserted last: the map's order is oldest news first
    this.chats.set(chat.key, chat)
    this.append(this.file, { t: 's', chat })
    if (this.chats.size > this.limits.maxChats) {
      const oldest = this.chats.keys().next().value
      if (oldest !== undefined) this.drop(oldest)
    }
  }

  /** Forgets a chat (removed from the store). */
  drop(key: string): void {
    if (this.file === null || !this.chats.delete(key)) return
    this.append(this.file, { t: 'd', key })
  }

  /** Rewrites the file compactly and closes it (runtime stop). */
  close(): void {
    this.file?.rewrite(this.savedLines())
  }

  private load(file: AppendLog): void {
    const content = file.readPrevious()
    const { items, invalid } = parseNdjsonLines((content ?? '').split('\n'), line)
    for (const parsed of items) {
      if (parsed.t === 'd') this.chats.delete(parsed.key)
      else {
        this.chats.delete(parsed.chat.key)
        this.chats.set(parsed.chat.key, parsed.chat as Chat)
      }
    }
    // A last line cut short by a crash mid-append is expected; anything more is worth a copy aside.
    if (invalid > 1) file.copyAside(`${invalid} unreadable line(s)`)
    const now = this.now()
    for (const [key, chat] of this.chats) {
      const keepFor = isOpen(chat) ? this.limits.maxAgeMs : this.limits.closedRetentionMs
      if (chat.updatedAt < now - keepFor) this.chats.delete(key)
    }
    while (this.chats.size > this.limits.maxChats) this.chats.delete(this.chats.keys().next().value as string)
    file.rewrite(this.savedLines())
  }

  private append(file: AppendLog, record: z.input<typeof line>): void {
    file.append(record)
    if (file.appended > 2 * this.chats.size + 1_000) file.rewrite(this.savedLines())
  }

  /** The compact file: one save line per kept chat, oldest news first. */
  private *savedLines(): Generator<z.input<typeof line>> {
    for (const chat of this.chats.values()) yield { t: 's', chat }
  }
}

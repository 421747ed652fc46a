/**
 * The chats of webhook-only sources (DeskDirector). Such a source sends each change once and never again, so
 * chats it delivered before a crash would otherwise be gone. Every change is appended with a plain write()
 * before the delivery is answered — that survives a process crash (the kernel has the bytes) — and fsynced
 * within `syncMs`, bounding what a power cut can take. Closed chats are kept for `closedRetentionMs` too: their
 * version is what stops a late, stale copy (a sender's retry) from bringing them back as waiting. The file is
 * rewritten atomically at load and when it has grown, and is bounded: removed chats leave, closed ones after
 * `closedRetentionMs`, any untouched for `maxAgeMs`, and at most `maxChats` stay (oldest news out).
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import { z } from 'zod'
import { type Chat, isOpen } from '../../../../shared/chat'
import { boundedChatSchema, MAX_CHAT_KEY } from '../../../../shared/transforms/bounds'
import type { Logger } from '../log'
import { readTextIfExists, setAside, writeFileAtomic } from './atomic-file'
import { parseNdjsonLines } from './ndjson-lines'
import { PRIVATE_FILE_MODE } from './private-files'

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
  private fd: number | null = null
  private appended = 0
  private syncTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly path: string | null,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly limits: KeptChatsLimits = DEFAULT_KEPT_CHATS_LIMITS,
  ) {
    if (path !== null) this.load(path)
  }

  /** The kept chats of `source` (to restore before the listener accepts deliveries), oldest news first. */
  of(source: string): Chat[] {
    return [...this.chats.values()].filter((chat) => chat.source === source)
  }

  /** Records a chat's latest source version (open or closed). Never throws. */
  note(chat: Chat): void {
    // Memory mode keeps nothing: there is no later run to restore into.
    if (this.path === null || this.chats.get(chat.key) === chat) return
    this.chats.delete(chat.key) // re-inserted last: the map's order is oldest news first
    this.chats.set(chat.key, chat)
    if (this.path !== null) this.append(`${JSON.stringify({ t: 's', chat })}\n`)
    if (this.chats.size > this.limits.maxChats) {
      const oldest = this.chats.keys().next().value
      if (oldest !== undefined) this.drop(oldest)
    }
  }

  /** Forgets a chat (removed from the store). */
  drop(key: string): void {
    if (this.path === null || !this.chats.delete(key)) return
    if (this.path !== null) this.append(`${JSON.stringify({ t: 'd', key })}\n`)
  }

  /** Rewrites the file compactly and closes it (runtime stop). */
  close(): void {
    this.compact()
    this.closeFile()
  }

  private load(path: string): void {
    let content: string | null = null
    try {
      content = readTextIfExists(path)
    } catch (error) {
      setAside(path, (error as Error).message, this.log, this.now())
    }
    const { items, invalid } = parseNdjsonLines((content ?? '').split('\n'), line)
    for (const parsed of items) {
      if (parsed.t === 'd') this.chats.delete(parsed.key)
      else {
        this.chats.delete(parsed.chat.key)
        this.chats.set(parsed.chat.key, parsed.chat as Chat)
      }
    }
    // A last line cut short by a crash mid-append is expected; anything more is worth a copy aside.
    if (invalid > 1) setAside(path, `${invalid} unreadable line(s)`, this.log, this.now(), true)
    const now = this.now()
    for (const [key, chat] of this.chats) {
      const keepFor = isOpen(chat) ? this.limits.maxAgeMs : this.limits.closedRetentionMs
      if (chat.updatedAt < now - keepFor) this.chats.delete(key)
    }
    while (this.chats.size > this.limits.maxChats) this.chats.delete(this.chats.keys().next().value as string)
    this.compact()
  }

  private append(text: string): void {
    if (this.path === null) return
    try {
      this.fd ??= openSync(this.path, 'a', PRIVATE_FILE_MODE)
      writeSync(this.fd, text)
      this.appended++
      this.syncTimer ??= setTimeout(() => this.sync(), this.limits.syncMs)
      this.syncTimer.unref?.()
    } catch (error) {
      this.log.error('could not keep a webhook chat; it will not survive a restart', {
        error: (error as Error).message,
      })
    }
    if (this.appended > 2 * this.chats.size + 1_000) this.compact()
  }

  private sync(): void {
    this.syncTimer = null
    try {
      if (this.fd !== null) fsyncSync(this.fd)
    } catch (error) {
      this.log.error('could not sync kept webhook chats', { error: (error as Error).message })
    }
  }

  private compact(): void {
    if (this.path === null) return
    let out = ''
    for (const chat of this.chats.values()) out += `${JSON.stringify({ t: 's', chat })}\n`
    try {
      this.closeFile()
      writeFileAtomic(this.path, out)
      this.appended = 0
    } catch (error) {
      this.log.error('could not compact kept webhook chats', { error: (error as Error).message })
    }
  }

  private closeFile(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer)
    this.syncTimer = null
    if (this.fd !== null) {
      try {
        fsyncSync(this.fd)
        closeSync(this.fd)
      } catch {}
    }
    this.fd = null
  }
}

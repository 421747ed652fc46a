/**
 * The chat store: one record per `"<source>:<sourceId>"`. It applies incoming versions, ignores stale and
 * duplicate ones (webhooks arrive twice and out of order), keeps tombstones so a late copy of a removed
 * chat cannot resurrect it, and reports every effective change to `emit`.
 * Local overlays (snooze, read) hold what the agent did locally on top of what sources say.
 */
import type { Chat } from '../../../shared/chat'
import type { ChatChange, RemovalReason } from '../../../shared/protocol'
import type { Logger } from './log'
import { sameJson } from './same-json'

/** What the agent changed locally; survives new versions from the source. */
export interface LocalOverlay {
  /** Local snooze (sources without a snooze API, and a mirror of server snoozes). */
  snoozedUntil?: number | null
  /** Marked read at this version: the chat stays read until a newer version arrives. */
  readAtVersion?: number
  /** Snoozed until the customer writes again: the customer's last message time when snoozed (null clears it). */
  untilReplyAfter?: number | null
}

/** Options of `apply`. */
export interface ApplyOptions {
  /** Apply even if not newer (a quick action's answer is authoritative). */
  force?: boolean
  /**
   * The sender's clock when this version was sent (epoch ms: a delivery's `Date`, an event's time, or the best
   * estimate). A version dated more than `AHEAD_TOLERANCE_MS` later is still taken, but ordered as of this time,
   * so a real later change replaces it (never hidden for as long as the version was ahead).
   */
  senderNow?: number
}

/** How far past its sender's clock a version may be dated before it is ordered as of its arrival instead. */
export const AHEAD_TOLERANCE_MS = 60_000

const MAX_TOMBSTONES = 50_000

/** The engine's chat table. Not thread-safe (there are no threads); every method is synchronous. */
export class ChatStore {
  private readonly chats = new Map<string, Chat>()
  private readonly raw = new Map<string, Chat>()
  private readonly overlays = new Map<string, LocalOverlay>()
  /** Overlays restored from disk for chats that have not arrived yet. */
  private readonly pendingOverlays = new Map<string, LocalOverlay>()
  private readonly tombstones = new Map<string, number>()
  private readonly unknownStatuses = new Set<string>()
  /** Chats whose version is dated ahead of its sender's clock: the sender's time it arrived at orders it. */
  private readonly arrivedAt = new Map<string, number>()

  /** `onAhead` is told of each version taken although dated ahead of its sender's clock (by how much). */
  constructor(
    private readonly emit: (change: ChatChange) => void,
    private readonly log: Logger,
    private readonly onAhead: (chat: Chat, byMs: number) => void = () => {},
  ) {}

  /** Applies one chat version. Returns the change it caused, or null for a stale or duplicate version. */
  apply(incoming: Chat, options: ApplyOptions = {}): ChatChange | null {
    const current = this.raw.get(incoming.key)
    const { senderNow } = options
    const ahead = !options.force && senderNow !== undefined && incoming.updatedAt - senderNow > AHEAD_TOLERANCE_MS
    if (!options.force) {
      const tombstone = this.tombstones.get(incoming.key)
      if (!current && tombstone !== undefined && incoming.updatedAt <= tombstone) return null
      if (current && incoming.updatedAt < this.orderOf(current, ahead)) return null
    }
    if (ahead) {
      this.arrivedAt.set(incoming.key, senderNow as number)
      this.onAhead(incoming, incoming.updatedAt - (senderNow as number))
    } else this.arrivedAt.delete(incoming.key)
    if (incoming.state === 'unknown') this.noteUnknownStatus(incoming)
    this.raw.set(incoming.key, incoming)
    this.tombstones.delete(incoming.key)
    return this.publish(incoming.key)
  }

  /** Applies many versions; returns the changes they caused. */
  applyMany(chats: readonly Chat[], options: ApplyOptions = {}): ChatChange[] {
    const changes: ChatChange[] = []
    for (const chat of chats) {
      const change = this.apply(chat, options)
      if (change) changes.push(change)
    }
    return changes
  }

  /** Removes a chat (deleted at the source, pruned); later copies no newer than it are ignored. */
  remove(key: string, reason: RemovalReason): ChatChange | null {
    const previous = this.chats.get(key)
    const raw = this.raw.get(key)
    if (!previous || !raw) return null
    this.chats.delete(key)
    this.raw.delete(key)
    this.overlays.delete(key)
    this.tombstones.set(key, this.orderOf(raw, false))
    this.arrivedAt.delete(key)
    if (this.tombstones.size > MAX_TOMBSTONES) {
      const oldest = this.tombstones.keys().next().value
      if (oldest !== undefined) this.tombstones.delete(oldest)
    }
    const change: ChatChange = { type: 'chat.removed', key, previous, reason }
    this.emit(change)
    return change
  }

  /** Sets or clears a local overlay field and republishes the chat. Returns the change, if any. */
  setOverlay(key: string, patch: LocalOverlay): ChatChange | null {
    if (!this.raw.has(key)) return null
    const next = { ...this.overlays.get(key), ...patch }
    if (next.snoozedUntil === null) delete next.snoozedUntil
    if (next.untilReplyAfter === null || next.snoozedUntil === undefined) delete next.untilReplyAfter
    if (Object.keys(next).length === 0) this.overlays.delete(key)
    else this.overlays.set(key, next)
    return this.publish(key)
  }

  /** Replaces a chat's whole overlay (another hub's, mirrored) and republishes the chat. */
  replaceOverlay(key: string, overlay: LocalOverlay | undefined): ChatChange | null {
    if (!this.raw.has(key)) return null
    if (overlay && Object.keys(overlay).length > 0) this.overlays.set(key, { ...overlay })
    else this.overlays.delete(key)
    return this.publish(key)
  }

  /** The overlay of a chat (for persistence). */
  overlay(key: string): LocalOverlay | undefined {
    return this.overlays.get(key)
  }

  /** All overlays (for persistence). */
  allOverlays(): [string, LocalOverlay][] {
    return [...this.overlays]
  }

  /** Restores overlays saved by a previous run, before chats arrive. */
  restoreOverlays(entries: Iterable<[string, LocalOverlay]>): void {
    for (const [key, overlay] of entries) this.pendingOverlays.set(key, overlay)
  }

  /** The effective chat (source version plus local overlay). */
  get(key: string): Chat | undefined {
    return this.chats.get(key)
  }

  /** The chat as its source last sent it, without local overlays (what persistence keeps). */
  sourceVersion(key: string): Chat | undefined {
    return this.raw.get(key)
  }

  /** Every chat, in insertion order. */
  all(): Chat[] {
    return [...this.chats.values()]
  }

  /** Chats of one source. */
  bySource(source: string): Chat[] {
    return this.all().filter((chat) => chat.source === source)
  }

  /** Number of chats held. */
  get size(): number {
    return this.chats.size
  }

  /** Removes closed or ignored chats last updated before `before` (epoch ms). Returns how many went. */
  pruneClosed(before: number): number {
    let removed = 0
    for (const chat of [...this.chats.values()]) {
      if ((chat.state === 'closed' || chat.state === 'ignored') && chat.updatedAt < before) {
        if (this.remove(chat.key, 'pruned')) removed++
      }
    }
    return removed
  }

  /**
   * The time a newer version must not be older than: the held version's own, unless it was dated ahead of its
   * sender's clock — then the sender's time it arrived at (for an incoming version dated ahead as well, both come
   * from the same skewed clock and compare as they are).
   */
  private orderOf(current: Chat, incomingAhead: boolean): number {
    const arrived = this.arrivedAt.get(current.key)
    return arrived === undefined || incomingAhead ? current.updatedAt : arrived
  }

  private publish(key: string): ChatChange | null {
    const raw = this.raw.get(key)
    if (!raw) return null
    const pending = this.pendingOverlays.get(key)
    if (pending) {
      this.overlays.set(key, { ...pending, ...this.overlays.get(key) })
      this.pendingOverlays.delete(key)
    }
    const effective = withOverlay(raw, this.overlays.get(key))
    const previous = this.chats.get(key)
    if (previous && sameChat(previous, effective)) return null
    this.chats.set(key, effective)
    const change: ChatChange = previous
      ? { type: 'chat.changed', chat: effective, previous }
      : { type: 'chat.added', chat: effective }
    this.emit(change)
    return change
  }

  private noteUnknownStatus(chat: Chat): void {
    const id = `${chat.source}:${chat.rawStatus}`
    if (this.unknownStatuses.has(id)) return
    this.unknownStatuses.add(id)
    this.log.warn('unknown chat status kept as "unknown"', { source: chat.source, status: chat.rawStatus })
  }
}

function withOverlay(chat: Chat, overlay: LocalOverlay | undefined): Chat {
  if (!overlay) return chat
  let out = chat
  const replied =
    overlay.untilReplyAfter !== undefined &&
    overlay.untilReplyAfter !== null &&
    (chat.lastCustomerMessageAt ?? 0) > overlay.untilReplyAfter
  // The customer wrote again: the snooze ends here, whatever the help desk still holds.
  if (replied) out = { ...out, snoozedUntil: null }
  else if (overlay.snoozedUntil !== undefined && overlay.snoozedUntil !== null) {
    out = { ...out, snoozedUntil: Math.max(out.snoozedUntil ?? 0, overlay.snoozedUntil) }
  }
  if (overlay.readAtVersion !== undefined && chat.updatedAt <= overlay.readAtVersion && out.unread) {
    out = { ...out, unread: false }
  }
  return out
}

function sameChat(a: Chat, b: Chat): boolean {
  return a === b || sameJson(a, b)
}

/**
 * The source adapter contract and registry. A help desk is one folder under `sources/`; its plug-in
 * (`sources/types.ts`) returns a `SourceAdapter` from `register`, the runtime adds it here, and the engine routes
 * chat commands to it by the chat's `source`. The registry of desks is `sources/registry.ts`.
 */
import type { AgentRef, Chat, SourceId } from '../../../shared/chat'
import type { RemovalReason, SourceCapabilities, SourceInfo, SourceStatus } from '../../../shared/protocol'
import type { Logger } from './log'

export type { SourceCapabilities }

/**
 * Who a source is, declared once per desk (its `identity.ts`): id, label, capabilities and setup. Its plug-in
 * and its adapter hold the same object; statuses carry it to every host.
 */
export type SourceIdentity = SourceInfo

/** One help desk, as the engine sees it. Action methods return the updated chat or throw `CommandFailure`. */
export interface SourceAdapter {
  /** Its desk's identity (the plug-in's own object; on a hub desktop, the one the hub's status describes). */
  readonly identity: SourceIdentity
  /** Starts polling/listening work; resolves once started (not once the first data arrived). */
  start(): Promise<void>
  /** Stops all timers and in-flight work. */
  stop(): Promise<void>
  /** Fetch now (user pressed refresh, the machine woke up, the network came back). */
  refresh?(): Promise<void>
  /**
   * The machine woke, the screen unlocked or the network changed: drop connections that may be dead even if they
   * look open, and fetch now. Default (absent): `refresh`.
   */
  wake?(): Promise<void>
  snooze?(chat: Chat, until: number | null): Promise<Chat>
  /**
   * Assigns the chat to `assigneeId`: the caller's id at this source, chosen by the engine (the command's actor,
   * else this source's `me()`); a command without one is refused before the adapter is asked.
   */
  assign?(chat: Chat, assigneeId: string): Promise<Chat>
  /**
   * Claims the chat for the team ("I'm on it"), compare-and-set on `version` (the `updatedAt` the agent saw):
   * only a desktop's proxy of a team hub has it; throws `CommandFailure('conflict')` when someone was first.
   */
  claim?(chat: Chat, version: number): Promise<Chat>
  /** Removes the assignee (offered where `capabilities.assign` is). */
  unassign?(chat: Chat): Promise<Chat>
  setStatus?(chat: Chat, status: string): Promise<Chat>
  markRead?(chat: Chat): Promise<Chat>
  /**
   * The user's id at this help desk ("me"), or null when not chosen; hosts show it in the status. A chat is mine
   * when its assignee, or one of its invited agents, is this id (`isMineAt` in shared/chat.ts): one rule for every
   * source, so a hub desktop, which has no code of the desk, decides exactly as a stand-alone one.
   */
  me?(): string | null
  /** The web link of a chat, when it can be built now. */
  webUrl?(chat: Chat): string | null
  /** The help desk's agents, for the "who am I" picker (HelpCrunch `GET /agents`). */
  listAgents?(): Promise<AgentRef[]>
  /** Checks credentials and reachability; never throws. */
  testConnection?(): Promise<{ ok: boolean; message: string }>
  /** Re-reads settings and secrets (called after `settings.update` and `secrets.set`). */
  reconfigure?(): void
  /** Current health. */
  status(): SourceStatus
}

/** What the engine gives an adapter: the only ways it may touch engine state. */
export interface AdapterContext {
  /**
   * Applies chat versions from this source; returns how many changed something. `senderNow` is the sender's clock
   * when it sent them (a delivery's `Date`, an event's time), when known; see `ApplyOptions`.
   */
  ingest(chats: readonly Chat[], options?: { force?: boolean; senderNow?: number }): number
  /** The source's clock reads `senderNow` (epoch ms) now: an answer's or a delivery's `Date` header. */
  observeClock(senderNow: number): void
  /** The best estimate of the source's clock now (the local clock corrected by what `observeClock` saw). */
  senderNow(): number
  /** Removes a chat of this source. */
  remove(key: string, reason: RemovalReason): void
  /** Reads a chat from the store (as shown: with local overlays such as a local snooze or read mark). */
  get(key: string): Chat | undefined
  /** The chat of this source as it last gave it to the store, without local overlays (what ordering compares). */
  held(key: string): Chat | undefined
  /** All chats of this source currently held. */
  chats(): Chat[]
  /** Counts a chat this source received that had to be repaired or could not be read (shown on its status). */
  noteUnreadable(problem: 'repaired' | 'refused', reason: string): void
  /** Publishes this source's health (emitted only when it changed). */
  reportStatus(status: SourceStatus): void
  log: Logger
}

/** Adapters by source id. */
export class AdapterRegistry {
  private readonly adapters = new Map<SourceId, SourceAdapter>()

  /** Registers an adapter; a second one for the same source is a programming error. */
  register(adapter: SourceAdapter): void {
    const { id } = adapter.identity
    if (this.adapters.has(id)) throw new Error(`adapter "${id}" registered twice`)
    this.adapters.set(id, adapter)
  }

  /** The adapter of a source, if registered. */
  get(source: SourceId): SourceAdapter | undefined {
    return this.adapters.get(source)
  }

  /** All adapters in registration order. */
  all(): SourceAdapter[] {
    return [...this.adapters.values()]
  }
}

/**
 * The source adapter contract and registry. A help desk is one folder under `sources/` that exports a
 * factory returning a `SourceAdapter`; the engine routes chat commands to it by the chat's `source`.
 * A source plug-in (`sources/types.ts`) registers its adapter here; the registry (`sources/registry.ts`) lists them.
 */
import type { AgentRef, Chat, SourceId } from '../../../shared/chat'
import type { RemovalReason, SourceCapabilities, SourceSetup, SourceStatus } from '../../../shared/protocol'
import type { Logger } from './log'

export type { SourceCapabilities }

/** One help desk, as the engine sees it. Action methods return the updated chat or throw `CommandFailure`. */
export interface SourceAdapter {
  readonly id: SourceId
  readonly label: string
  readonly capabilities: SourceCapabilities
  /** How it gets chats and which settings fix it (see `SourceSetup`). */
  readonly setup?: SourceSetup
  /** Starts polling/listening work; resolves once started (not once the first data arrived). */
  start(): Promise<void>
  /** Stops all timers and in-flight work. */
  stop(): Promise<void>
  /** Fetch now (user pressed refresh, the machine woke up, the network came back). */
  refresh?(): Promise<void>
  snooze?(chat: Chat, until: number | null): Promise<Chat>
  assign?(chat: Chat): Promise<Chat>
  /** Removes the assignee (offered where `capabilities.assign` is). */
  unassign?(chat: Chat): Promise<Chat>
  setStatus?(chat: Chat, status: string): Promise<Chat>
  markRead?(chat: Chat): Promise<Chat>
  /** The user's id at this help desk ("me"), or null when not chosen; hosts show it in the status. */
  me?(): string | null
  /** True when the chat is the user's at this help desk (assigned to, or invited as, the source's "me"). */
  isMine?(chat: Chat): boolean
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
  /** Applies chat versions from this source; returns how many changed something. */
  ingest(chats: readonly Chat[], options?: { force?: boolean }): number
  /** Removes a chat of this source. */
  remove(key: string, reason: RemovalReason): void
  /** Reads a chat from the store (as shown: with local overlays such as a local snooze or read mark). */
  get(key: string): Chat | undefined
  /** The chat of this source as it last gave it to the store, without local overlays (what ordering compares). */
  held(key: string): Chat | undefined
  /** All chats of this source currently held. */
  chats(): Chat[]
  /** Publishes this source's health (emitted only when it changed). */
  reportStatus(status: SourceStatus): void
  log: Logger
}

/** Adapters by source id. */
export class AdapterRegistry {
  private readonly adapters = new Map<SourceId, SourceAdapter>()

  /** Registers an adapter; a second one for the same source is a programming error. */
  register(adapter: SourceAdapter): void {
    if (this.adapters.has(adapter.id)) throw new Error(`adapter "${adapter.id}" registered twice`)
    this.adapters.set(adapter.id, adapter)
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

/**
 * The engine: store + event bus + adapter registry + command dispatcher, wired together.
 * Plain Node — it never imports 'electron', so the headless host, tests and benchmarks run it as is.
 */
import type { Chat } from '../../../shared/chat'
import type { SourceStatus } from '../../../shared/protocol'
import { type AdapterContext, AdapterRegistry, type SourceAdapter } from './adapters'
import { registerChatCommands } from './chat-commands'
import { Dispatcher } from './dispatcher'
import { EventBus } from './event-bus'
import type { Logger } from './log'
import type { NextShiftStart } from './snooze-time'
import { ChatStore } from './store'

/** Options of `createEngine`. */
export interface EngineOptions {
  log: Logger
  now?: () => number
  nextShiftStart?: NextShiftStart
  /** Demo mode: every chat is stamped `demo: true`, so no host can mistake it for a real one. */
  demo?: boolean
}

/** The running core every host drives. */
export interface Engine {
  bus: EventBus
  store: ChatStore
  adapters: AdapterRegistry
  dispatcher: Dispatcher
  log: Logger
  now: () => number
  /** Latest health of each source. */
  statuses(): SourceStatus[]
  /** The context an adapter of `source` works through. */
  contextFor(source: string): AdapterContext
}

/** Builds an engine with the chat commands registered. */
export function createEngine(options: EngineOptions): Engine {
  const { log } = options
  const now = options.now ?? Date.now
  const bus = new EventBus((error, event) => log.error('event listener failed', { type: event.type, error }))
  const store = new ChatStore((change) => bus.emit(change), log)
  const adapters = new AdapterRegistry()
  const dispatcher = new Dispatcher(log)
  const statuses = new Map<string, SourceStatus>()
  registerChatCommands(dispatcher, { store, adapters, now, nextShiftStart: options.nextShiftStart })

  const contextFor = (source: string): AdapterContext => ({
    ingest(chats: readonly Chat[], ingestOptions) {
      const foreign = chats.find((chat) => chat.source !== source)
      if (foreign) throw new Error(`adapter "${source}" tried to ingest a ${foreign.source} chat`)
      const stamped = options.demo ? chats.map((chat) => (chat.demo ? chat : { ...chat, demo: true })) : chats
      return store.applyMany(stamped, ingestOptions).length
    },
    remove: (key, reason) => {
      if (store.get(key)?.source === source) store.remove(key, reason)
    },
    get: (key) => store.get(key),
    held: (key) => {
      const chat = store.sourceVersion(key)
      return chat?.source === source ? chat : undefined
    },
    chats: () => store.bySource(source),
    reportStatus(reported) {
      const previous = statuses.get(source)
      const status = labelled(reported, adapters.get(source))
      statuses.set(source, status)
      if (!previous || !sameStatus(previous, status)) bus.emit({ type: 'source.status', status })
    },
    log,
  })

  return { bus, store, adapters, dispatcher, log, now, statuses: () => [...statuses.values()], contextFor }
}

/**
 * A status stamped with its source's identity (label, capabilities, setup) and "me", so no host or panel needs
 * per-source code to show it. Always this desktop's own: a status relayed from a team hub carries the hub's
 * "me" and setup, and on a hub desktop what fixes a source is the hub token, not the help desk's key.
 * `capabilities.refresh` says whether `sources.refresh` can fetch it now (the adapter has `refresh`).
 */
function labelled(status: SourceStatus, adapter: SourceAdapter | undefined): SourceStatus {
  if (!adapter) return status
  const { label, capabilities, setup } = adapter.identity
  return {
    ...status,
    label,
    capabilities: { ...capabilities, refresh: adapter.refresh !== undefined },
    ...(setup ? { setup } : {}),
    ...(adapter.me ? { me: adapter.me() } : {}),
  }
}

function sameStatus(a: SourceStatus, b: SourceStatus): boolean {
  return (
    a.state === b.state &&
    a.message === b.message &&
    a.me === b.me &&
    a.warnings.length === b.warnings.length &&
    a.warnings.every((w, i) => w === b.warnings[i])
  )
}

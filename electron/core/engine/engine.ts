/**
 * The engine: store + event bus + adapter registry + command dispatcher, wired together.
 * Plain Node — it never imports 'electron', so the headless host, tests and benchmarks run it as is.
 */
import type { Chat } from '../../../shared/chat'
import type { SourceStatus, StatusNotice } from '../../../shared/protocol'
import { type AdapterContext, AdapterRegistry, type SourceAdapter } from './adapters'
import { registerChatCommands } from './chat-commands'
import { ChatGate } from './chat-gate'
import { ClockWatch } from './clock-watch'
import { Dispatcher } from './dispatcher'
import { EventBus } from './event-bus'
import type { Logger } from './log'
import type { NextShiftStart } from './snooze-time'
import { StatusNotes } from './status-notes'
import { ChatStore } from './store'
import { LocalTeam } from './team-local'

/** Options of `createEngine`. */
export interface EngineOptions {
  log: Logger
  now?: () => number
  /** A clock that only moves forward at a steady pace, for timers (default `performance.now`). */
  monotonic?: () => number
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
  /** The wall clock (epoch ms): what is shown, saved and compared with the help desks' times. */
  now: () => number
  /** The monotonic clock timers wait on (ms, arbitrary origin). */
  monotonic: () => number
  /** Latest health of each source. */
  statuses(): SourceStatus[]
  /** The context an adapter of `source` works through. */
  contextFor(source: string): AdapterContext
  /** The engine's own warnings on source statuses (clock, unsaved state, repaired chats). */
  notes: StatusNotes
  /** This desktop's side of the team layer (its agent on a hub, activity, open chat, the team's presence). */
  team: LocalTeam
  /** Named sections `/health` adds (counters of what went wrong and was handled); each is read per request. */
  health: Map<string, () => unknown>
}

/** Builds an engine with the chat commands registered. */
export function createEngine(options: EngineOptions): Engine {
  const { log } = options
  const now = options.now ?? Date.now
  const monotonic = options.monotonic ?? (() => performance.now())
  const bus = new EventBus((error, event) => log.error('event listener failed', { type: event.type, error }))
  const adapters = new AdapterRegistry()
  const store = new ChatStore(
    (change) => bus.emit(change),
    log,
    (chat, byMs) => clock.noteAhead(chat.source, byMs),
  )
  const dispatcher = new Dispatcher(log)
  const statuses = new Map<string, SourceStatus>()
  /** Each source's status as it reported it, before the engine's notices were merged in. */
  const reportedStatuses = new Map<string, SourceStatus>()
  const publishStatus = (source: string, reported: SourceStatus) => {
    const previous = statuses.get(source)
    const status = withNotices(labelled(reported, adapters.get(source)), notes.of(source))
    statuses.set(source, status)
    if (!previous || !sameStatus(previous, status)) bus.emit({ type: 'source.status', status })
  }
  const notes = new StatusNotes((source) => {
    for (const [id, reported] of reportedStatuses) if (source === null || source === id) publishStatus(id, reported)
  })
  const gate = new ChatGate(notes, log)
  const clock = new ClockWatch(notes, now, (source) => adapters.get(source)?.identity.label ?? source)
  const health = new Map<string, () => unknown>([
    ['chats', () => gate.totals()],
    ['clock', () => clock.counters()],
  ])
  const team = new LocalTeam(bus)
  registerChatCommands(dispatcher, { store, adapters, now, team, nextShiftStart: options.nextShiftStart })

  const contextFor = (source: string): AdapterContext => ({
    ingest(chats: readonly Chat[], ingestOptions) {
      const foreign = chats.find((chat) => chat.source !== source)
      if (foreign) throw new Error(`adapter "${source}" tried to ingest a ${foreign.source} chat`)
      const admitted = gate.admit(source, chats)
      const stamped = options.demo ? admitted.map((chat) => (chat.demo ? chat : { ...chat, demo: true })) : admitted
      // Versions are judged against the sender's clock: as given, else the best estimate of it.
      const senderNow = ingestOptions?.senderNow ?? clock.senderNow(source)
      return store.applyMany(stamped, { force: ingestOptions?.force, senderNow }).length
    },
    observeClock: (senderNow) => clock.observe(source, senderNow),
    senderNow: () => clock.senderNow(source),
    remove: (key, reason) => {
      if (store.get(key)?.source === source) store.remove(key, reason)
    },
    get: (key) => store.get(key),
    held: (key) => {
      const chat = store.sourceVersion(key)
      return chat?.source === source ? chat : undefined
    },
    chats: () => store.bySource(source),
    noteUnreadable: (problem, reason) => gate.note(source, problem, reason),
    reportStatus(reported) {
      reportedStatuses.set(source, reported)
      publishStatus(source, reported)
    },
    log,
  })

  return {
    bus,
    store,
    adapters,
    dispatcher,
    log,
    now,
    monotonic,
    statuses: () => [...statuses.values()],
    contextFor,
    notes,
    team,
    health,
  }
}

/** A status with the engine's notices added to its warnings (a relayed status may carry notices of its own). */
function withNotices(status: SourceStatus, notices: StatusNotice[]): SourceStatus {
  if (notices.length === 0) return status
  return {
    ...status,
    warnings: [...status.warnings, ...notices.map((notice) => notice.message)],
    notices: [...(status.notices ?? []), ...notices],
  }
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

/**
 * The team layer on the hub (docs/team.md): presence reports in, `team.presence` out; claims by compare-and-set;
 * the escalation ladder; and every chat the hub sends stamped with its claim and ladder state. A claim or ladder
 * change is published as a `chat.changed` of the chat (a numbered change: resumed desktops get it too); presence is
 * sent whole to a stream when it goes live, then as deltas. A claim ends with its chat (closed or gone).
 */
import { type Chat, isOpen } from '../../../shared/chat'
import type { ProtocolEvent } from '../../../shared/protocol'
import { PRESENCE_TIMING, type TeamPresenceData } from '../../../shared/protocol/team'
import { DEFAULT_FIRST_RESPONSE_SECONDS, type Settings } from '../../../shared/settings'
import { TimerQueue } from '../../core/engine/alerts/timer-queue'
import type { Engine } from '../../core/engine/engine'
import type { ChangeFeed } from './change-feed'
import { claimHandler } from './claims'
import { createLadder, type Ladder } from './ladder'
import { createPresence, type Presence } from './presence'
import { createMemoryTeamStore, type TeamStore } from './team-store'
import type { TokenTable } from './tokens'

/** How often presence is judged again (stale desktops, shifts, DND and open chats ending), ms. */
export const PRESENCE_SWEEP_MS = 5_000

/**
 * A chat as its source made it, without what a hub stamps on the copies it sends (`claim`, `escalation`): a hub
 * that takes another hub's change from the shared feed stores the source's chat and stamps its own copies.
 */
export function withoutStamps(chat: Chat): Chat {
  if (chat.claim === undefined && chat.escalation === undefined) return chat
  const { claim: _claim, escalation: _escalation, ...source } = chat
  return source
}

/** Options of the team layer. */
export interface TeamOptions {
  engine: Engine
  settings: () => Settings
  tokens: Pick<TokenTable, 'members'>
  feed: ChangeFeed
  /** Sends a frame to every live stream. */
  broadcast(frame: string): void
  /** Another backend for claims and presence (default: in memory). */
  store?: TeamStore
  staleAfterMs?: number
  /**
   * Several hubs (docs/scaling.md): every hub computes the ladder from the same shared inputs, but only the one
   * for which `active()` is true (the leader) publishes a step no chat change caused; absent: this hub publishes.
   */
  ladderPublisher?: LadderPublisher
}

/** Whether this hub publishes the ladder's own steps, and when it starts to. */
export interface LadderPublisher {
  active(): boolean
  /** Hears this hub becoming the publisher. */
  onActive(listener: () => void): void
  /** Hears each chat another hub published (its ladder state went out with it). */
  onRemote(listener: (key: string) => void): void
}

/** The team layer attached to a hub. */
export interface Team {
  /** A chat as desktops see it: with its claim and ladder state. */
  stamp(chat: Chat): Chat
  /** The whole team's presence as one stream frame (sent to a stream once it is live). */
  presenceFrame(): string
  presence: Presence
  ladder: Ladder
  store: TeamStore
  /** Counters for `/health`. */
  health(): Record<string, unknown>
  close(): void
}

/** Attaches the team layer: replaces `chat.claim` and `presence.report`, follows the store's changes. */
export function attachTeam(options: TeamOptions): Team {
  const { engine, feed } = options
  const store = options.store ?? createMemoryTeamStore()
  const staleAfterMs = options.staleAfterMs ?? PRESENCE_TIMING.staleAfterMs
  const timers = new TimerQueue(
    engine.now,
    (error, id) => engine.log.error('team timer failed', { id, error }),
    engine.monotonic,
  )
  // Only what is set travels (a chat with neither costs no byte more); a field left out means none.
  const stamp = (chat: Chat): Chat => {
    const claim = store.claimOf(chat.key)
    const escalation = ladder.of(chat.key)
    if (!claim && !escalation) return chat
    return { ...chat, ...(claim ? { claim } : {}), ...(escalation ? { escalation } : {}) }
  }
  const publishChat = (key: string) => {
    const chat = engine.store.get(key)
    if (chat) feed.publish('chat.changed', { chat: stamp(chat) })
  }
  let quiet = 0
  const publisher = options.ladderPublisher
  /** Chats whose ladder stepped while another hub published the steps: sent if this hub takes over first. */
  const unpublished = new Set<string>()
  const ladder: Ladder = createLadder({
    get: (key) => engine.store.get(key),
    claimOf: (key) => store.claimOf(key),
    agents: () => presence.all(),
    targetMs: (source) =>
      (options.settings().alerts.firstResponseSeconds[source] ?? DEFAULT_FIRST_RESPONSE_SECONDS) * 1000,
    now: engine.now,
    timers,
    // A change made while handling a store change is published with that change (no second event).
    onChange: (key) => {
      if (quiet !== 0) return
      if (!publisher || publisher.active()) publishChat(key)
      else unpublished.add(key)
    },
  })
  const frame = (data: TeamPresenceData) => `event: team.presence\ndata: ${JSON.stringify(data)}\n\n`
  const presence: Presence = createPresence({
    store,
    members: () => options.tokens.members(),
    now: engine.now,
    staleAfterMs,
    onChange: (agents) => {
      options.broadcast(frame({ agents, full: false }))
      ladder.evaluateAll()
    },
  })
  /** A claim was set or let go: the ladder judges the chat again, and desktops get both in one change. */
  const claimChanged = (key: string) => {
    quiet++
    try {
      ladder.evaluate(key)
    } finally {
      quiet--
    }
    publishChat(key)
  }
  engine.dispatcher.replace('chat.claim', claimHandler({ engine, store, published: claimChanged, stamp }))
  // Two and a half heartbeats make a desktop stale: one lost report never does.
  const heartbeatMs = Math.min(PRESENCE_TIMING.heartbeatMs, Math.floor((staleAfterMs * 2) / 5))
  engine.dispatcher.replace('presence.report', (report, { actor }) => {
    if (actor) presence.report(actor.name, report)
    return { heartbeatMs, staleAfterMs }
  })
  // A claim ends with its chat; a backend that cannot drop it now is logged, never an unhandled rejection.
  const release = (key: string) =>
    store.release(key).catch((error) => engine.log.error('team store: a claim could not be released', { key, error }))
  const onEvent = (event: ProtocolEvent) => {
    // A change of the chat went out (stamped with its ladder state), by this hub or another.
    if (event.type === 'chat.removed' || event.type === 'chat.added' || event.type === 'chat.changed')
      unpublished.delete(event.type === 'chat.removed' ? event.key : event.chat.key)
    if (event.type === 'chat.removed') {
      ladder.forget(event.key)
      void release(event.key)
      return
    }
    if (event.type !== 'chat.added' && event.type !== 'chat.changed') return
    const previous = event.type === 'chat.changed' ? event.previous : undefined
    if (!isOpen(event.chat) && store.claimOf(event.chat.key)) void release(event.chat.key)
    quiet++
    try {
      ladder.track(event.chat, previous)
    } finally {
      quiet--
    }
  }
  // Subscribed before the hub's own feed subscriber: the ladder state is current when the change is stamped.
  const unsubscribe = engine.bus.subscribe(onEvent)
  // Another hub's claim or report (a shared store): judged here too; that hub published the claimed chat.
  const unwatch = store.subscribe?.((change) => {
    if ('report' in change) return presence.refresh(change.report)
    quiet++
    try {
      ladder.evaluate(change.claim)
    } finally {
      quiet--
    }
  })
  publisher?.onRemote((key) => unpublished.delete(key))
  publisher?.onActive(() => {
    for (const key of [...unpublished]) publishChat(key)
    unpublished.clear()
  })
  const sweep = setInterval(() => presence.sweep(), Math.min(PRESENCE_SWEEP_MS, Math.ceil(staleAfterMs / 4)))
  sweep.unref()
  return {
    stamp,
    presenceFrame: () => frame({ agents: presence.all(), full: true }),
    presence,
    ladder,
    store,
    health: () => ({ claims: store.claimCount(), onLadder: ladder.size() }),
    close() {
      clearInterval(sweep)
      timers.stop()
      unsubscribe()
      unwatch?.()
    },
  }
}

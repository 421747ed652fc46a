/**
 * What the supervisor board knows, built from the hub's stream exactly as a desktop builds its store: the
 * snapshot replaces everything, then each change is applied in order. Each chat is read at the edge
 * (`readChat`); what cannot be read is counted and shown, never dropped in silence. Breaches are remembered by
 * chat and day, so a chat that breached and then left the queue still counts for today.
 */
import { create } from 'zustand'
import type { Chat } from '../../../shared/chat'
import type { SourceStatus } from '../../../shared/protocol'
import { type AgentPresence, teamPresenceSchema } from '../../../shared/protocol/team'
import { replyClock } from '../../../shared/reply'
import { readChat } from '../../../shared/transforms/chat-check'

/** The stream's connection as the board shows it. */
export type Connection = 'connecting' | 'live' | 'offline' | 'signed-out'

/** The board's state. */
export interface BoardState {
  connection: Connection
  chats: Record<string, Chat>
  sources: Record<string, SourceStatus>
  /** Hub clock minus this browser's clock (ms), from the snapshot's `now`. */
  skewMs: number
  /** Chats whose first reply was late, by key → the day key (`YYYY-MM-DD` in the board's zone) it happened. */
  breaches: Record<string, string>
  /** The team by name, from `team.presence` (whole when `full`, else only who changed). */
  team: Record<string, AgentPresence>
  /** Chats or events that could not be read. */
  unreadable: number
}

/** An empty board. */
export const EMPTY_BOARD: BoardState = {
  connection: 'connecting',
  chats: {},
  sources: {},
  skewMs: 0,
  breaches: {},
  team: {},
  unreadable: 0,
}

/** The board's store. */
export const useBoard = create<BoardState>(() => EMPTY_BOARD)

type Data = Record<string, unknown>

/** Applies one stream event to `state` (pure); an event the board does not know is left to newer boards. */
export function applyEvent(state: BoardState, event: string, data: Data, localNow: number): BoardState {
  switch (event) {
    case 'snapshot': {
      const chats: Record<string, Chat> = {}
      let unreadable = state.unreadable
      for (const raw of Array.isArray(data.chats) ? data.chats : []) {
        const read = readChat(raw)
        if (read.ok) chats[read.chat.key] = read.chat
        else unreadable++
      }
      const sources = Object.fromEntries(
        (Array.isArray(data.sources) ? (data.sources as SourceStatus[]) : []).map((s) => [s.source, s]),
      )
      const skewMs = typeof data.now === 'number' ? data.now - localNow : 0
      return { ...state, connection: 'live', chats, sources, skewMs, unreadable }
    }
    case 'chat.added':
    case 'chat.changed': {
      const read = readChat(data.chat)
      if (!read.ok) return { ...state, unreadable: state.unreadable + 1 }
      return { ...state, chats: { ...state.chats, [read.chat.key]: read.chat } }
    }
    case 'chat.removed': {
      if (typeof data.key !== 'string' || !(data.key in state.chats)) return state
      const { [data.key]: _gone, ...chats } = state.chats
      return { ...state, chats }
    }
    case 'source.status': {
      const status = data.status as SourceStatus | undefined
      if (!status || typeof status.source !== 'string') return { ...state, unreadable: state.unreadable + 1 }
      return { ...state, sources: { ...state.sources, [status.source]: status } }
    }
    case 'team.presence': {
      const read = teamPresenceSchema.safeParse(data)
      if (!read.success) return { ...state, unreadable: state.unreadable + 1 }
      const changed = Object.fromEntries(read.data.agents.map((agent) => [agent.name, agent]))
      return { ...state, team: read.data.full ? changed : { ...state.team, ...changed } }
    }
    default:
      return state
  }
}

/** A waiting customer's wait: since when, and against which target (ms). */
export interface Wait {
  chat: Chat
  since: number
  targetMs: number
}

/** The chats a customer waits on for a first reply, soonest due first. */
export function queue(chats: Record<string, Chat>, targetOf: (source: string) => number): Wait[] {
  const waits: Wait[] = []
  for (const chat of Object.values(chats)) {
    const clock = replyClock(chat)
    if (clock?.owed) waits.push({ chat, since: clock.since, targetMs: targetOf(chat.source) })
  }
  return waits.sort((a, b) => a.since + a.targetMs - (b.since + b.targetMs) || a.chat.key.localeCompare(b.chat.key))
}

/**
 * `breaches` with every chat of `waits` that is late at `now` added under the day its target passed (`dayOf`);
 * the same object when none is new, so a store update is skipped.
 */
export function noteBreaches(
  breaches: Record<string, string>,
  waits: Wait[],
  now: number,
  dayOf: (at: number) => string,
): Record<string, string> {
  const late = waits.filter((w) => now - w.since >= w.targetMs && breaches[w.chat.key] === undefined)
  if (late.length === 0) return breaches
  return { ...breaches, ...Object.fromEntries(late.map((w) => [w.chat.key, dayOf(w.since + w.targetMs)])) }
}

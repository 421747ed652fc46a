/**
 * Runs the escalation ladder for the hub's chats (docs/team.md, "Escalation"): which chats are on it (unclaimed,
 * unassigned, not snoozed, needing attention), since when each needs attention, one timer per chat for its next
 * step, and a re-judgement of every chat when presence changes (someone went into DND: the next tier now).
 * `onChange` hears each chat whose ladder state changed, to publish it stamped on the chat.
 */
import { type Chat, type ChatClaim, type ChatEscalation, isSnoozed, needsAttention } from '../../../shared/chat'
import type { TimerQueue } from '../../core/engine/alerts/timer-queue'
import { escalationAt, type LadderAgent, sameEscalation } from './escalation'

/** What the ladder needs. */
export interface LadderDeps {
  get(key: string): Chat | undefined
  claimOf(key: string): ChatClaim | undefined
  agents(): LadderAgent[]
  /** The first-response target of a source's chats (ms). */
  targetMs(source: string): number
  now(): number
  timers: TimerQueue
  onChange(key: string): void
}

/** The running ladder. */
export interface Ladder {
  /** A chat was added or changed (its previous version, if any). */
  track(chat: Chat, previous: Chat | undefined): void
  /** A chat left the hub. */
  forget(key: string): void
  /** Judges one chat again (its claim changed). */
  evaluate(key: string): void
  /** Judges every chat again (presence changed). */
  evaluateAll(): void
  /** The ladder's state of a chat, if it is on the ladder. */
  of(key: string): ChatEscalation | undefined
  /** Chats on the ladder now. */
  size(): number
}

/** Creates the ladder. */
export function createLadder(deps: LadderDeps): Ladder {
  const since = new Map<string, number>()
  const states = new Map<string, ChatEscalation>()
  const onLadder = (chat: Chat) =>
    needsAttention(chat) && chat.assignee === null && !deps.claimOf(chat.key) && !isSnoozed(chat, deps.now())
  const evaluate = (key: string): void => {
    const chat = deps.get(key)
    const start = since.get(key)
    const before = states.get(key)
    if (!chat || start === undefined || !onLadder(chat)) {
      deps.timers.cancel(`ladder:${key}`)
      if (states.delete(key)) deps.onChange(key)
      // A snoozed chat comes back onto the ladder when its snooze ends.
      if (chat && start !== undefined && isSnoozed(chat, deps.now()))
        deps.timers.schedule(`ladder:${key}`, chat.snoozedUntil as number, () => evaluate(key))
      return
    }
    const next = escalationAt(start, deps.targetMs(chat.source), deps.now(), deps.agents())
    states.set(key, next)
    if (next.nextAt !== null) deps.timers.schedule(`ladder:${key}`, next.nextAt, () => evaluate(key))
    else deps.timers.cancel(`ladder:${key}`)
    if (!sameEscalation(before, next)) deps.onChange(key)
  }
  return {
    track(chat, previous) {
      if (!needsAttention(chat)) since.delete(chat.key)
      else if (!since.has(chat.key) || (previous && !needsAttention(previous)))
        // Needing attention since this version's change, or (first seen) since the chat was created.
        since.set(chat.key, Math.min(deps.now(), previous ? chat.updatedAt : (chat.createdAt ?? chat.updatedAt)))
      evaluate(chat.key)
    },
    forget(key) {
      since.delete(key)
      deps.timers.cancel(`ladder:${key}`)
      states.delete(key)
    },
    evaluate,
    evaluateAll() {
      for (const key of [...since.keys()]) evaluate(key)
    },
    of: (key) => states.get(key),
    size: () => states.size,
  }
}

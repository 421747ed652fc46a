/**
 * Who owes the next message in a chat, and since when: the clock behind the panel's first-response countdown.
 * A customer waits from the first message nobody answered; a chat where an agent spoke last, or that an agent
 * has taken, owes nothing (it is timed, but calmly). Pure, from the chat alone, so it works on any host.
 */
import type { Chat } from './chat'
import { needsAttention } from './chat'

/** The reply clock of a chat: `owed` counts against the first-response target; otherwise it is neutral. */
export type ReplyClock =
  | { owed: true; since: number }
  | { owed: false; since: number; why: 'agent-spoke-last' | 'taken' | 'in-progress' }

type ClockFields = Pick<
  Chat,
  'state' | 'createdAt' | 'updatedAt' | 'lastMessageAt' | 'lastCustomerMessageAt' | 'handledAt'
>

/**
 * The reply clock of `chat`, or null when no time is known.
 * - Taken by an agent (`handledAt`, DeskDirector): neutral, from the moment it was taken.
 * - The source tells when the customer last wrote (HelpCrunch): a later last message means an agent spoke last
 *   (neutral); otherwise the customer waits — from the chat's start while nobody has it (`waiting`: no answer
 *   yet), else from the customer's last message (the earliest unanswered one the source tells).
 * - Otherwise a chat that needs someone (waiting, missed, callback) waits from its start.
 */
export function replyClock(chat: ClockFields): ReplyClock | null {
  if (chat.handledAt !== undefined && chat.handledAt !== null)
    return { owed: false, since: chat.handledAt, why: 'taken' }
  const customerAt = chat.lastCustomerMessageAt ?? null
  if (customerAt !== null) {
    if (chat.lastMessageAt !== null && chat.lastMessageAt > customerAt)
      return { owed: false, since: chat.lastMessageAt, why: 'agent-spoke-last' }
    const since = chat.state === 'waiting' ? Math.min(chat.createdAt ?? customerAt, customerAt) : customerAt
    return { owed: true, since }
  }
  if (needsAttention(chat)) return { owed: true, since: chat.createdAt ?? chat.updatedAt }
  const since = chat.lastMessageAt ?? chat.createdAt
  return since === null ? null : { owed: false, since, why: 'in-progress' }
}

/** How close a waiting customer is to the first-response target: calm below half, then amber, red at 80 %, overdue. */
export type ReplyLevel = 'calm' | 'soon' | 'late' | 'overdue'

/** The level of a wait of `elapsedMs` against `targetMs`. */
export function replyLevel(elapsedMs: number, targetMs: number): ReplyLevel {
  if (elapsedMs >= targetMs) return 'overdue'
  if (elapsedMs >= 0.8 * targetMs) return 'late'
  return elapsedMs >= 0.5 * targetMs ? 'soon' : 'calm'
}

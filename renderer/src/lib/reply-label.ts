/**
 * The time on a chat row in words: a waiting customer's first-response countdown ("35s left", then "overdue
 * 4m") coloured by how close the target is, or a calm time since the agent spoke or took the chat. Labels tick
 * by the second only within the first minute, then by the minute. Pure.
 */
import type { Chat } from '../../../shared/chat'
import { type ReplyLevel, replyClock, replyLevel } from '../../../shared/reply'
import { coarse } from './format'

/** What the row shows and says. */
export interface ReplyLabel {
  /** "35s left", "overdue 4m", "12m". */
  text: string
  /** Colour: a level of a waiting customer, or neutral when nobody waits for an answer. */
  level: ReplyLevel | 'neutral'
  /** The same for a screen reader: "reply due in 35s", "reply overdue by 4m", "you spoke last 12m ago". */
  spoken: string
  /** An agent spoke last (the preview starts "You:"). */
  agentLast: boolean
}

/** The label of `chat` at `now` against a first-response target of `targetMs`; null when no time is known. */
export function replyLabel(chat: Chat, now: number, targetMs: number): ReplyLabel | null {
  const clock = replyClock(chat)
  if (!clock) return null
  const waited = Math.max(0, now - clock.since)
  if (!clock.owed) {
    const text = coarse(waited)
    const spoken =
      clock.why === 'agent-spoke-last'
        ? `agent spoke last ${text} ago`
        : clock.why === 'taken'
          ? `taken ${text} ago`
          : `${text} since the last message`
    return { text, level: 'neutral', spoken, agentLast: clock.why === 'agent-spoke-last' }
  }
  const level = replyLevel(waited, targetMs)
  if (level === 'overdue') {
    const late = coarse(waited - targetMs)
    return { text: `overdue ${late}`, level, spoken: `first reply overdue by ${late}`, agentLast: false }
  }
  const left = coarse(targetMs - waited)
  return { text: `${left} left`, level, spoken: `first reply due in ${left}`, agentLast: false }
}

/**
 * The live time of a row: a waiting customer's first-response countdown, coloured calm → amber (half the target)
 * → red (80 %) → "overdue 4m", or a calm time when the agent spoke last or has the chat. Words are said too, not
 * colour alone. It follows the panel clock with a selector on the label's text, so it renders only when the
 * text or colour changes: each second within the first minute, then once a minute.
 */
import type { Chat } from '../../../shared/chat'
import { replyLabel } from '../lib/reply-label'
import { useClock } from '../stores/ui-store'

/** Props: the chat, its source's first-response target, and the element id the row's name refers to. */
export interface ReplyTimeProps {
  chat: Chat
  targetMs: number
  id: string
}

/** The label. */
export function ReplyTime({ chat, targetMs, id }: ReplyTimeProps) {
  // A string selector: the clock ticks every second, the label only changes when its words do.
  const shown = useClock((s) => {
    const label = replyLabel(chat, s.now, targetMs)
    return label ? `${label.level}\n${label.text}\n${label.spoken}` : ''
  })
  if (!shown) return <span id={id} className="reply-time" />
  const [level, text, spoken] = shown.split('\n')
  return (
    <span id={id} className={`reply-time reply-${level}`} data-level={level}>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{spoken}</span>
    </span>
  )
}

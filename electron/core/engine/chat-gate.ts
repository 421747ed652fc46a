/**
 * The engine's own check of every chat a source hands over (the last edge before the store and the alert
 * timers): a chat with a time that is not a number or no customer object is repaired or refused here
 * (`shared/transforms/chat-check.ts`), so one bad chat can never poison the alert timer queue or stop other
 * alerts. What was repaired or refused is counted, logged and shown as a notice on the source's status.
 */
import type { Chat } from '../../../shared/chat'
import { chatDefect, readChat } from '../../../shared/transforms/chat-check'
import type { Logger } from './log'
import type { StatusNotes } from './status-notes'

/** How a chat that was not fine went. */
export type ChatProblem = 'repaired' | 'refused'

/** Counts of repaired and refused chats, per source. */
export class ChatGate {
  private readonly counts = new Map<string, { repaired: number; refused: number; last: string }>()

  constructor(
    private readonly notes: StatusNotes,
    private readonly log: Logger,
  ) {}

  /** The chats of `source` the store may take: fine ones as they are, repairable ones repaired. */
  admit(source: string, chats: readonly Chat[]): readonly Chat[] {
    let out: Chat[] | null = null
    for (let i = 0; i < chats.length; i++) {
      const chat = chats[i] as Chat
      const defect = chatDefect(chat)
      if (defect === null) {
        out?.push(chat)
        continue
      }
      out ??= chats.slice(0, i)
      const checked = readChat(chat)
      if (checked.ok) {
        out.push(checked.chat)
        this.note(source, 'repaired', checked.repaired.join('; ') || defect)
      } else this.note(source, 'refused', checked.error)
    }
    return out ?? chats
  }

  /** Counts one chat of `source` that had to be repaired or could not be read, and shows it on its status. */
  note(source: string, problem: ChatProblem, reason: string): void {
    const count = this.counts.get(source) ?? { repaired: 0, refused: 0, last: '' }
    count[problem]++
    count.last = reason.slice(0, 200)
    this.counts.set(source, count)
    this.log.warn(problem === 'repaired' ? 'chat repaired at the edge' : 'chat refused at the edge', {
      source,
      reason: count.last,
    })
    const n = count[problem]
    const chats = n === 1 ? '1 chat' : `${n} chats`
    this.notes.set(
      source,
      problem === 'repaired' ? 'chat-repaired' : 'chat-refused',
      problem === 'repaired'
        ? `${chats} arrived with unreadable fields and ${n === 1 ? 'is' : 'are'} shown with what could be read ` +
            `(last: ${count.last})`
        : `${chats} arrived unreadable and could not be shown (last: ${count.last})`,
    )
  }

  /** Totals for `/health`. */
  totals(): { repaired: number; refused: number } {
    let repaired = 0
    let refused = 0
    for (const count of this.counts.values()) {
      repaired += count.repaired
      refused += count.refused
    }
    return { repaired, refused }
  }
}

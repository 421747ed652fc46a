/**
 * The live queue: every chat a customer waits on for a first reply, soonest due first, with its countdown in the
 * panel's words ("35s left", "overdue 4m") and who holds it. A table, so a screen reader reads each cell with its
 * column's name.
 */
import type { Chat } from '../../../shared/chat'
import { replyLabel } from '../../src/lib/reply-label'
import type { Wait } from './board-store'

/** The queue table (an empty queue says so). */
export function QueueTable({
  waits,
  now,
  labelOf,
}: {
  waits: Wait[]
  chats: Record<string, Chat>
  now: number
  labelOf: (source: string) => string
}) {
  return (
    <section aria-labelledby="board-queue-title" className="board-queue">
      <h2 id="board-queue-title">Waiting for a first reply</h2>
      {waits.length === 0 ? (
        <p className="empty">Nobody is waiting.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Help desk</th>
              <th scope="col">First reply</th>
              <th scope="col">Held by</th>
            </tr>
          </thead>
          <tbody>
            {waits.map((wait) => {
              const label = replyLabel(wait.chat, now, wait.targetMs)
              return (
                <tr key={wait.chat.key} data-key={wait.chat.key}>
                  <th scope="row">{wait.chat.customer.name ?? wait.chat.title}</th>
                  <td>{labelOf(wait.chat.source)}</td>
                  <td className={`reply-${label?.level ?? 'neutral'}`}>
                    <span aria-hidden="true">{label?.text ?? '—'}</span>
                    <span className="visually-hidden">{label?.spoken ?? 'no time known'}</span>
                  </td>
                  <td>{wait.chat.assignee?.name ?? 'nobody'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}

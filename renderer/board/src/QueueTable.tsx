/**
 * The live queue: every chat a customer waits on for a first reply, soonest due first, with its countdown in the
 * panel's words ("35s left", "overdue 4m"), who holds it (the team claim, else the help desk's assignee) and whom
 * the escalation ladder alerts. Then the claims: every claimed chat and who holds it since when. Tables, so a
 * screen reader reads each cell with its column's name.
 */
import type { Chat } from '../../../shared/chat'
import type { AgentPresence } from '../../../shared/protocol/team'
import { agoText } from '../../../shared/team'
import { replyLabel } from '../../src/lib/reply-label'
import { alerting } from './alerting'
import type { Wait } from './board-store'

/** "Mia · 20 s", "Leo (assigned)", "nobody". */
function holder(chat: Chat, now: number): string {
  if (chat.claim) return `${chat.claim.agent} · ${agoText(chat.claim.since, now)}`
  if (chat.assignee) return `${chat.assignee.name ?? chat.assignee.id} (assigned)`
  return 'nobody'
}

/** The customer's name, else the chat's title. */
export const customerOf = (chat: Chat) => chat.customer.name ?? chat.title

/** The queue and the claims. */
export function QueueTable({
  waits,
  chats,
  team,
  now,
  labelOf,
}: {
  waits: Wait[]
  chats: Record<string, Chat>
  team: readonly AgentPresence[]
  now: number
  labelOf: (source: string) => string
}) {
  const claimed = Object.values(chats)
    .filter((chat) => chat.claim)
    .sort((a, b) => (a.claim?.since ?? 0) - (b.claim?.since ?? 0))
  return (
    <>
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
                <th scope="col">Alerting</th>
              </tr>
            </thead>
            <tbody>
              {waits.map((wait) => {
                const label = replyLabel(wait.chat, now, wait.targetMs)
                const escalation = wait.chat.escalation
                return (
                  <tr key={wait.chat.key} data-key={wait.chat.key}>
                    <th scope="row">{customerOf(wait.chat)}</th>
                    <td>{labelOf(wait.chat.source)}</td>
                    <td className={`reply-${label?.level ?? 'neutral'}`}>
                      <span aria-hidden="true">{label?.text ?? '—'}</span>
                      <span className="visually-hidden">{label?.spoken ?? 'no time known'}</span>
                    </td>
                    <td>{holder(wait.chat, now)}</td>
                    <td>{escalation ? alerting(escalation, team) : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="board-claims-title" className="board-claims">
        <h2 id="board-claims-title">Claimed</h2>
        {claimed.length === 0 ? (
          <p className="empty">No chat is claimed.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Help desk</th>
                <th scope="col">Held by</th>
              </tr>
            </thead>
            <tbody>
              {claimed.map((chat) => (
                <tr key={chat.key} data-key={chat.key}>
                  <th scope="row">{customerOf(chat)}</th>
                  <td>{labelOf(chat.source)}</td>
                  <td>{holder(chat, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

/**
 * A minimal third help desk, "TicketBox", written only against the source plug-in contract: it receives
 * chats as JSON on its own webhook route (a shared bearer token, for the test), keeps them across restarts,
 * and has one setup check. Nothing outside this folder knows it exists except the list it is registered with.
 */

import type { SourceAdapter, SourceIdentity } from '../../electron/core/engine/adapters'
import { signedRoute } from '../../electron/core/http/signed-route'
import type { SourcePlugin } from '../../electron/core/sources/types'
import type { Chat } from '../../shared/chat'
import { makeChat } from '../helpers/chats'

/** The token a delivery must carry (a real desk would keep it in the secrets store). */
export const TICKETBOX_TOKEN = 'ticketbox-test-token'
/** Its route on the listener. */
export const TICKETBOX_PATH = '/webhooks/ticketbox'

/** A ticket as TicketBox sends it. */
interface Ticket {
  id: string
  subject: string
  from: string
  at: number
}

function isTicket(value: unknown): value is Ticket {
  const t = value as Partial<Ticket> | null
  return (
    typeof t?.id === 'string' && typeof t.subject === 'string' && typeof t.from === 'string' && typeof t.at === 'number'
  )
}

function toChat(ticket: Ticket): Chat {
  return makeChat({
    source: 'ticketbox',
    sourceId: ticket.id,
    rawStatus: 'open',
    title: ticket.subject,
    customer: { name: ticket.from, email: null, company: null, phone: null },
    createdAt: ticket.at,
    updatedAt: ticket.at,
  })
}

const identity: SourceIdentity = {
  id: 'ticketbox',
  label: 'TicketBox',
  capabilities: { serverSnooze: false, assign: false, setStatus: false, markRead: false },
}

/** The TicketBox source. */
export const ticketBoxSource: SourcePlugin = {
  identity,
  setupHint: 'a TicketBox token',
  register(host) {
    const context = host.engine.contextFor(identity.id)
    let received = 0
    const adapter: SourceAdapter = {
      identity,
      start: async () => context.reportStatus(adapter.status()),
      stop: async () => {},
      status: () => ({
        source: identity.id,
        state: 'ok',
        message: `${received} deliveries`,
        warnings: [],
        lastOkAt: null,
        at: host.engine.now(),
      }),
    }
    host.keepChats(identity.id)
    host.listener.route(
      TICKETBOX_PATH,
      signedRoute({
        authenticate: (headers) =>
          headers.authorization === `Bearer ${TICKETBOX_TOKEN}`
            ? { ok: true }
            : { ok: false, status: 401, error: 'bad token' },
        handle(json) {
          if (!isTicket(json)) return { status: 422, body: { error: 'not a ticket' } }
          received++
          context.ingest([toChat(json)])
          return { status: 200, body: { applied: 1 } }
        },
      }),
    )
    return adapter
  },
  opensLink: () => false,
  configured: () => true,
  checks: async ({ listen }) => [
    { id: 'ticketbox.route', status: listen ? 'pass' : 'skip', message: `route ${TICKETBOX_PATH} is registered` },
  ],
}

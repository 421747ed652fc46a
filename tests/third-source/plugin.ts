/**
 * A minimal third help desk, "TicketBox", written only against the source plug-in contract: it receives tickets
 * as JSON on its own webhook route, authenticated with its own secret (`ticketbox.token`, kept in the secrets
 * store like any other), knows who "me" is from its own setting (`ticketbox.agentId`), can assign a ticket, keeps
 * its chats across restarts and has one setup check. Nothing outside this folder knows it exists except the lists
 * it is registered with: the sources a runtime uses, and the settings model it runs on (`composeSettings`).
 */
import { z } from 'zod'
import type { SourceAdapter, SourceIdentity } from '../../electron/core/engine/adapters'
import { signedRoute } from '../../electron/core/http/signed-route'
import type { SourcePlugin } from '../../electron/core/sources/types'
import type { Chat } from '../../shared/chat'
import { composeSettings, SOURCE_SETTINGS } from '../../shared/settings'
import { readSecret, sectionOf, sourceSettings } from '../../shared/source-settings'
import { makeChat } from '../helpers/chats'

/** A token a test stores as the secret `ticketbox.token`. */
export const TICKETBOX_TOKEN = 'ticketbox-test-token'
/** Its route on the listener. */
export const TICKETBOX_PATH = '/webhooks/ticketbox'

/** TicketBox's settings: "me" (the agent this user is at TicketBox) and the token deliveries carry. */
export const TICKETBOX_SETTINGS = sourceSettings({
  id: 'ticketbox',
  section: z.object({ agentId: z.string().max(100).nullable().default(null) }),
  secrets: { token: { single: true } },
})

/** The settings of a runtime that has TicketBox beside the shipped desks. */
export const SETTINGS_WITH_TICKETBOX = composeSettings({ ...SOURCE_SETTINGS, ticketbox: TICKETBOX_SETTINGS })

/** A ticket as TicketBox sends it. */
const ticketSchema = z.object({
  id: z.string().min(1).max(100),
  subject: z.string().max(500),
  from: z.string().max(200),
  at: z.number(),
  assignee: z.string().max(100).nullable().optional(),
})
type Ticket = z.output<typeof ticketSchema>

function toChat(ticket: Ticket): Chat {
  return makeChat({
    source: 'ticketbox',
    sourceId: ticket.id,
    rawStatus: 'open',
    title: ticket.subject,
    customer: { name: ticket.from, email: null, company: null, phone: null },
    assignee: ticket.assignee ? { id: ticket.assignee, name: ticket.assignee, email: null } : null,
    createdAt: ticket.at,
    updatedAt: ticket.at,
  })
}

const identity: SourceIdentity = {
  id: 'ticketbox',
  label: 'TicketBox',
  capabilities: { serverSnooze: false, assign: true, setStatus: false, markRead: false },
  setup: {
    receives: 'webhooks',
    credential: { path: 'ticketbox.token' },
    me: 'ticketbox.agentId',
    signing: 'ticketbox.token',
  },
}

/** The TicketBox source. */
export const ticketBoxSource: SourcePlugin<typeof TICKETBOX_SETTINGS> = {
  identity,
  settings: TICKETBOX_SETTINGS,
  setupHint: 'a TicketBox token (secret ticketbox.token)',
  register(host) {
    const context = host.engine.contextFor(identity.id)
    const token = () => readSecret(host.options.secrets, TICKETBOX_SETTINGS, 'token')
    let received = 0
    const adapter: SourceAdapter = {
      identity,
      start: async () => context.reportStatus(adapter.status()),
      stop: async () => {},
      reconfigure: () => context.reportStatus(adapter.status()),
      status: () => ({
        source: identity.id,
        state: token() === null ? 'disabled' : 'ok',
        message: token() === null ? 'no token configured' : `${received} deliveries`,
        warnings: [],
        lastOkAt: null,
        at: host.engine.now(),
      }),
      me: () => sectionOf(host.options.settings.get(), TICKETBOX_SETTINGS).agentId,
      // TicketBox has no API in this test: the assignment is applied as its answer would be.
      assign: async (chat, assigneeId) => ({
        ...chat,
        assignee: { id: assigneeId, name: assigneeId, email: null },
        updatedAt: chat.updatedAt + 1,
      }),
    }
    host.keepChats(identity.id)
    host.listener.route(
      TICKETBOX_PATH,
      signedRoute({
        authenticate: (headers) => {
          const expected = token()
          if (expected === null) return { ok: false, status: 403, error: 'no token configured' }
          return headers.authorization === `Bearer ${expected}`
            ? { ok: true }
            : { ok: false, status: 401, error: 'bad token' }
        },
        handle(json) {
          const ticket = ticketSchema.safeParse(json)
          if (!ticket.success) return { status: 422, body: { error: 'not a ticket' } }
          received++
          context.ingest([toChat(ticket.data)])
          return { status: 200, body: { applied: 1 } }
        },
      }),
    )
    return adapter
  },
  opensLink: () => false,
  configured: (_settings, secrets) => readSecret(secrets, TICKETBOX_SETTINGS, 'token') !== null,
  checks: async ({ listen }) => [
    { id: 'ticketbox.route', status: listen ? 'pass' : 'skip', message: `route ${TICKETBOX_PATH} is registered` },
  ],
}

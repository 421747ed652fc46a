/**
 * The fake server's chat record and how it is serialised. Serialisation follows HelpCrunch's documented chat
 * model (docs/helpcrunch.md): no `updatedAt` field, REST times in whole seconds as numbers, numeric strings or
 * `"<sec>.000"` depending on the chat, the on-hold status spelled `"on hold"`, and the switches of `quirks.ts`.
 */
import { type FakeQuirks, statusCode } from './quirks'

/** An agent of the fake organisation. */
export interface FakeAgent {
  id: number
  name: string
  email: string
  role: string
}

/**
 * One chat as the fake server stores it. Times are UNIX seconds. `updatedAt` is internal: it serves the newest
 * docs' `chats.updatedAt` search filter, but the chat model has no such field, so it is never sent.
 */
export interface FakeChat {
  id: number
  status: string
  createdAt: number
  updatedAt: number
  /** When the last message was written, in ms: webhooks carry this precision, REST answers only whole seconds. */
  lastMessageMs?: number
  lastMessageAt: number | null
  lastCustomerMessageAt: number | null
  closedAt: number | null
  closedBy: 'agent' | 'customer' | null
  snoozedUntil: number | null
  readByAgent: boolean
  lastMessageText: string | null
  assignee: number | null
  customer: { id: number; name: string | null; email: string | null; userId: string | null }
  department: { id: number; name: string } | null
}

/** Statuses that count as "open" for the fake's own bookkeeping (tests compare against these). */
export const FAKE_OPEN_STATUSES = ['new', 'opened', 'pending', 'on hold'] as const

/** The three timestamp shapes the real API uses; which one a chat gets depends on its id. */
function stamp(id: number, seconds: number | null): number | string | null {
  if (seconds === null) return null
  switch (id % 3) {
    case 0:
      return seconds
    case 1:
      return String(seconds)
    default:
      return `${seconds}.000`
  }
}

/** The chat as JSON the way HelpCrunch sends it (single chat, list item, PUT answer). */
export function serializeChat(
  chat: FakeChat,
  agents: ReadonlyMap<number, FakeAgent>,
  quirks?: Pick<FakeQuirks, 'emptyObjectsAsArrays' | 'statusAsCode'>,
): Record<string, unknown> {
  const assignee = chat.assignee === null ? null : (agents.get(chat.assignee) ?? null)
  // PHP encodes an empty array as `[]` where an object is expected.
  const none = quirks?.emptyObjectsAsArrays ? [] : null
  return {
    id: chat.id,
    closedBy: chat.closedBy,
    lastCustomerMessageAt: stamp(chat.id, chat.lastCustomerMessageAt),
    status: quirks?.statusAsCode ? statusCode(chat.status) : chat.status,
    closedAt: stamp(chat.id, chat.closedAt),
    rating: null,
    createdAt: stamp(chat.id, chat.createdAt),
    lastMessageAt: stamp(chat.id, chat.lastMessageAt),
    readByAgent: chat.readByAgent,
    readByCustomer: true,
    createdWith: 'customer_message',
    // The snooze answer in the docs carries "1603864800.000"; keep that shape for every chat.
    snoozedUntil: chat.snoozedUntil === null ? null : `${chat.snoozedUntil}.000`,
    lastMessageText: chat.lastMessageText,
    lastMessageId: null,
    applicationId: 3838,
    lastCommunicatedAgentId: chat.assignee,
    agents: assignee ? [assignee] : [],
    customer: chat.customer,
    assignee: assignee ?? none,
    department: chat.department ?? none,
  }
}

/** Lower-cases and strips spaces and dashes, so `"on-hold"`, `"onhold"` and `"on hold"` compare equal. */
export function normalizeFakeStatus(status: string): string {
  return status.toLowerCase().replace(/[\s_-]+/g, '')
}

/** Status names `PUT /chats/status` accepts (every documented spelling) → the spelling stored and returned. */
export const SETTABLE_STATUSES: Readonly<Record<string, string>> = {
  new: 'new',
  open: 'opened',
  opened: 'opened',
  pending: 'pending',
  onhold: 'on hold',
  nocommunication: 'no communication',
  closed: 'closed',
}

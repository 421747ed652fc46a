/**
 * Webhook deliveries as HelpCrunch documents them (docs/helpcrunch.md, "Webhooks"), built from the fake's
 * chats: the envelope `{event, eventData, attempts, lastAttemptAt, createdAt, id}` with whole-second envelope
 * times that come after the change, and event data whose times carry milliseconds (`"1638953586.915"`),
 * unlike the whole seconds of the REST answers.
 */
import type { FakeDatabase } from './database'

/** One delivery's JSON body. */
export interface FakeWebhookEnvelope {
  event: string
  eventData: Record<string, unknown>
  attempts: number
  lastAttemptAt: number
  createdAt: number
  id: string
}

let deliveries = 0

/** Seconds with milliseconds, as webhook event data writes times (`"1638953586.915"`). */
function withMs(ms: number | null): string | null {
  return ms === null ? null : (ms / 1000).toFixed(3)
}

function envelope(db: FakeDatabase, event: string, eventData: Record<string, unknown>): FakeWebhookEnvelope {
  // The envelope is created after the change it reports, in whole seconds (the documented example: +1 s).
  const createdAt = Math.floor(db.nowMs() / 1000) + 1
  deliveries++
  const id = `00000000-0000-4000-8000-${String(deliveries).padStart(12, '0')}`
  return { event, eventData, attempts: 0, lastAttemptAt: createdAt, createdAt, id }
}

/**
 * A `chat.*` event about chat `id` as it is now. The chat id's key is not shown in the documented example
 * (it is cut off before it); real integrations read `id`, `chatId` or `chat_id`, so the key is a parameter.
 */
export function chatWebhook(
  db: FakeDatabase,
  event: string,
  id: number,
  idKey: 'id' | 'chatId' | 'chat_id' = 'id',
): FakeWebhookEnvelope {
  const chat = db.chats.get(id)
  if (!chat) throw new Error(`fake chat ${id} does not exist`)
  const assignee = chat.assignee === null ? null : (db.agents.get(chat.assignee) ?? null)
  return envelope(db, event, {
    [idKey]: chat.id,
    communicatedAgents: chat.assignee === null ? [] : [chat.assignee],
    customer: chat.customer,
    closedBy: chat.closedBy,
    status: chat.status,
    closedAt: withMs(chat.closedAt === null ? null : chat.closedAt * 1000),
    rating: null,
    createdAt: withMs(chat.createdAt * 1000),
    snoozedUntil: withMs(chat.snoozedUntil === null ? null : chat.snoozedUntil * 1000),
    applicationId: 3838,
    department: chat.department,
    assignee,
  })
}

/** A `message.chat.customer` (or `.agent`) event for the chat's last message. */
export function messageWebhook(
  db: FakeDatabase,
  id: number,
  from: 'customer' | 'agent' = 'customer',
): FakeWebhookEnvelope {
  const chat = db.chats.get(id)
  if (!chat) throw new Error(`fake chat ${id} does not exist`)
  const at = chat.lastMessageMs ?? (chat.lastMessageAt ?? chat.createdAt) * 1000
  const agent = from === 'agent' && chat.assignee !== null ? (db.agents.get(chat.assignee) ?? null) : null
  return envelope(db, `message.chat.${from}`, {
    chat_id: chat.id,
    agent,
    customer: chat.customer,
    message: {
      applicationId: 3838,
      broadcastType: null,
      createdAt: withMs(at),
      edited: false,
      id: Math.floor(at / 1000),
      read: false,
      text: chat.lastMessageText,
      updatedAt: withMs(at),
    },
  })
}

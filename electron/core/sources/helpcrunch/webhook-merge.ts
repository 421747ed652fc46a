/**
 * Turns one HelpCrunch webhook event into the fields it carries (docs/helpcrunch.md, "Webhooks"). Webhook
 * payloads carry only part of a chat: the fields an event does not mention keep what is held (`ordering.ts`
 * decides), and a chat the store does not know is only added when the event says its status — never a
 * half-invented chat.
 */
import { z } from 'zod'
import type { Chat } from '../../../../shared/chat'
import { timestampSchema } from '../../../../shared/time'
import { truncateText } from '../../../../shared/transforms/bounds'
import { describeIssues } from '../../../../shared/transforms/result'
import type { FieldGroup } from './ordering'
import { helpCrunchToChat } from './transform'

/** What an event means for the store. `chat` holds the carried fields (complete when the chat is not held). */
export type MergeOutcome =
  | { kind: 'fields'; chatId: string; chat: Chat; groups: FieldGroup[]; eventAt: number; known: boolean }
  | { kind: 'stale' }
  | { kind: 'unknown-chat'; chatId: string }
  | { kind: 'invalid'; reason: string; chatId: string | null }

/** Raw `eventData` key → the group of Chat fields it determines. */
const GROUP_OF_KEY: Record<string, FieldGroup> = {
  status: 'status',
  customer: 'customer',
  assignee: 'assignee',
  department: 'department',
  createdAt: 'createdAt',
  lastMessageAt: 'lastMessageAt',
  lastCustomerMessageAt: 'lastCustomerMessageAt',
  lastMessageText: 'lastMessageText',
  snoozedUntil: 'snoozedUntil',
  readByAgent: 'unread',
}

/** What an event implies about a known chat when its eventData omits the field. */
const IMPLIED: Record<string, Record<string, unknown>> = {
  'chat.closed': { status: 'closed' },
  'chat.unsnoozed': { snoozedUntil: null },
}

/** Where a chat event may carry its chat id (undocumented; every spelling seen in real integrations). */
export const CHAT_ID_KEYS = ['id', 'chatId', 'chat_id'] as const
const MESSAGE_CHAT_ID_KEYS = ['chat_id', 'chatId'] as const

const CHAT_ID = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])

/** The chat id of an event: the key is undocumented, so every spelling seen in real integrations is tried. */
export function chatIdOf(eventData: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const parsed = CHAT_ID.safeParse(eventData[key])
    if (parsed.success) return String(parsed.data)
  }
  return null
}

/**
 * A `chat.*` event → the fields it sets. `eventTime` is when HelpCrunch created the event (ms, its clock);
 * `held` reads the chat as last applied.
 */
export function mergeChatEvent(
  event: string,
  eventData: Record<string, unknown>,
  eventTime: number,
  held: (chatId: string) => Chat | undefined,
  webUrl?: (chatId: string) => string | null,
): MergeOutcome {
  const chatId = chatIdOf(eventData, CHAT_ID_KEYS)
  if (chatId === null)
    return { kind: 'invalid', reason: 'eventData: no chat id in "id", "chatId" or "chat_id"', chatId: null }
  const current = held(chatId)
  const data = current ? { ...IMPLIED[event], ...eventData } : eventData
  if (!current && (data.status === undefined || data.status === null)) return { kind: 'unknown-chat', chatId }
  const transformed = helpCrunchToChat({ ...data, id: chatId, status: data.status ?? current?.rawStatus }, { webUrl })
  if (!transformed.ok)
    return { kind: 'invalid', reason: transformed.error.replace('helpcrunch chat', 'eventData'), chatId }
  const chat = transformed.chat
  // An assignee given by id only keeps the name already known for that agent.
  if (chat.assignee && current?.assignee?.id === chat.assignee.id && chat.assignee.name === null)
    chat.assignee = current.assignee
  const groups = [...new Set(Object.keys(data).flatMap((key) => GROUP_OF_KEY[key] ?? []))]
  return { kind: 'fields', chatId, chat, groups, eventAt: eventTime, known: current !== undefined }
}

const messageDataSchema = z
  .object({
    message: z.object({ createdAt: timestampSchema.optional(), text: z.string().nullish() }).loose().nullish(),
  })
  .loose()

/**
 * A `message.*` event → the chat's new last message (unread when the customer wrote it). A message older than
 * the one held is stale: both are HelpCrunch's message times, compared at the precision the held one has (REST
 * answers give whole seconds, webhooks milliseconds).
 */
export function mergeMessageEvent(
  event: string,
  eventData: Record<string, unknown>,
  eventTime: number,
  held: (chatId: string) => Chat | undefined,
): MergeOutcome {
  const chatId = chatIdOf(eventData, MESSAGE_CHAT_ID_KEYS)
  if (chatId === null) return { kind: 'invalid', reason: 'eventData: no chat id in "chat_id" or "chatId"', chatId }
  const parsed = messageDataSchema.safeParse(eventData)
  if (!parsed.success) return { kind: 'invalid', reason: `eventData: ${describeIssues(parsed.error)}`, chatId }
  const current = held(chatId)
  if (!current) return { kind: 'unknown-chat', chatId }
  const message = parsed.data.message
  const at = message?.createdAt ?? eventTime
  if (olderMessage(at, current.lastMessageAt)) return { kind: 'stale' }
  const customer = event.endsWith('.customer')
  // A reply has been read by whoever wrote it; a private note says nothing about reading.
  const reply = event.endsWith('.agent')
  const text = typeof message?.text === 'string' ? truncateText(message.text) : null
  const chat: Chat = {
    ...current,
    lastMessageAt: at,
    // Who owes the reply: a customer's message is the customer's last one.
    lastCustomerMessageAt: customer ? at : current.lastCustomerMessageAt,
    lastMessageText: text ?? current.lastMessageText,
    // The customer's message makes the chat unread; an agent's reply makes it read.
    unread: customer ? true : reply ? false : current.unread,
  }
  const groups: FieldGroup[] = ['lastMessageAt', ...(text === null ? [] : ['lastMessageText' as const])]
  if (customer || reply) groups.push('unread')
  if (customer) groups.push('lastCustomerMessageAt')
  return { kind: 'fields', chatId, chat, groups, eventAt: at, known: true }
}

/** True when a message at `at` (ms) is not newer than the held last message. */
function olderMessage(at: number, held: number | null): boolean {
  if (held === null) return false
  // Whole seconds (a REST answer): a message within that second may be the same or a later one.
  return held % 1000 === 0 ? Math.floor(at / 1000) * 1000 < held : at <= held
}

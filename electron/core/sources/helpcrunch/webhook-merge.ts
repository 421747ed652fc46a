/**
 * Turns one HelpCrunch webhook event into a chat version, merged with what the store already holds.
 * Webhook payloads carry only part of a chat, so a field the event does not mention keeps its known value;
 * a chat the store does not know is only added when the event says its status — never a half-invented chat.
 */
import { z } from 'zod'
import type { Chat } from '../../../../shared/chat'
import { timestampSchema } from '../../../../shared/time'
import { truncateText } from '../../../../shared/transforms/bounds'
import { describeIssues } from '../../../../shared/transforms/result'
import { helpCrunchToChat } from './transform'

/** What an event means for the store. */
export type MergeOutcome =
  | { kind: 'chat'; chat: Chat; wasKnown: boolean }
  | { kind: 'stale' }
  | { kind: 'unknown-chat'; chatId: string }
  | { kind: 'invalid'; reason: string; chatId: string | null }

/** Raw `eventData` key → the Chat fields it determines. */
const FIELDS_OF_KEY: Record<string, (keyof Chat)[]> = {
  status: ['state', 'rawStatus'],
  customer: ['customer', 'title'],
  assignee: ['assignee'],
  department: ['department'],
  createdAt: ['createdAt'],
  lastMessageAt: ['lastMessageAt'],
  lastMessageText: ['lastMessageText'],
  snoozedUntil: ['snoozedUntil'],
  readByAgent: ['unread'],
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

/** A `chat.*` event → the chat version to apply. `eventTime` is when HelpCrunch created the event (ms). */
export function mergeChatEvent(
  event: string,
  eventData: Record<string, unknown>,
  eventTime: number,
  known: (chatId: string) => Chat | undefined,
  webUrl?: (chatId: string) => string | null,
): MergeOutcome {
  const chatId = chatIdOf(eventData, CHAT_ID_KEYS)
  if (chatId === null)
    return { kind: 'invalid', reason: 'eventData: no chat id in "id", "chatId" or "chat_id"', chatId: null }
  const current = known(chatId)
  const data = current ? { ...IMPLIED[event], ...eventData } : eventData
  if (!current && (data.status === undefined || data.status === null)) return { kind: 'unknown-chat', chatId }
  const transformed = helpCrunchToChat({ ...data, id: chatId, status: data.status ?? current?.rawStatus }, { webUrl })
  if (!transformed.ok)
    return { kind: 'invalid', reason: transformed.error.replace('helpcrunch chat', 'eventData'), chatId }
  const version = Math.max(eventTime, transformed.chat.updatedAt)
  if (!current) return { kind: 'chat', chat: { ...transformed.chat, updatedAt: version }, wasKnown: false }
  if (version < current.updatedAt) return { kind: 'stale' }
  const merged: Record<string, unknown> = { ...current, updatedAt: version }
  for (const [rawKey, fields] of Object.entries(FIELDS_OF_KEY)) {
    if (!(rawKey in data)) continue
    for (const field of fields) merged[field] = transformed.chat[field]
  }
  // An assignee given by id only keeps the name already known for that agent.
  const assignee = transformed.chat.assignee
  if (assignee && current.assignee?.id === assignee.id && assignee.name === null) merged.assignee = current.assignee
  return { kind: 'chat', chat: merged as unknown as Chat, wasKnown: true }
}

const messageDataSchema = z
  .object({
    message: z.object({ createdAt: timestampSchema.optional(), text: z.string().nullish() }).loose().nullish(),
  })
  .loose()

/** A `message.*` event → the chat with its new last message (unread when the customer wrote it). */
export function mergeMessageEvent(
  event: string,
  eventData: Record<string, unknown>,
  eventTime: number,
  known: (chatId: string) => Chat | undefined,
): MergeOutcome {
  const chatId = chatIdOf(eventData, MESSAGE_CHAT_ID_KEYS)
  if (chatId === null) return { kind: 'invalid', reason: 'eventData: no chat id in "chat_id" or "chatId"', chatId }
  const parsed = messageDataSchema.safeParse(eventData)
  if (!parsed.success) return { kind: 'invalid', reason: `eventData: ${describeIssues(parsed.error)}`, chatId }
  const current = known(chatId)
  if (!current) return { kind: 'unknown-chat', chatId }
  const message = parsed.data.message
  const at = message?.createdAt ?? eventTime
  if (current.lastMessageAt !== null && at <= current.lastMessageAt) return { kind: 'stale' }
  const chat: Chat = {
    ...current,
    lastMessageAt: at,
    lastMessageText: typeof message?.text === 'string' ? truncateText(message.text) : current.lastMessageText,
    // An agent's own reply or note is news to nobody; only the customer's message makes the chat unread.
    unread: event.endsWith('.customer') ? true : current.unread,
    updatedAt: Math.max(current.updatedAt, at),
  }
  return { kind: 'chat', chat, wasKnown: true }
}

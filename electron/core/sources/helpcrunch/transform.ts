/**
 * HelpCrunch chat JSON (docs/helpcrunch.md, "Chat statuses and the chat object"; seed 004) → `Chat`.
 * Lenient where the API is inconsistent (ids as numbers or strings, timestamps in any shape, `agents` as
 * an array or one object), strict where a wrong type would produce a half-filled chat.
 */
import { z } from 'zod'
import { type Chat, chatKey } from '../../../../shared/chat'
import { unifiedState } from '../../../../shared/state-table'
import { timestampSchema } from '../../../../shared/time'
import { boundChat } from '../../../../shared/transforms/bounds'
import { describeIssues, type TransformResult } from '../../../../shared/transforms/result'
import { HELPCRUNCH_STATES } from './states'

const idSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric id')])
const text = z.string().nullish()
/** An agent object, or (in some webhook payloads) only the agent's id. */
const agentSchema = z.preprocess(
  (value) => (typeof value === 'number' || typeof value === 'string' ? { id: value } : value),
  z.object({ id: idSchema, name: text, email: text }).loose(),
)

/** Runtime shape of a HelpCrunch chat as the API (and chat webhooks) send it. */
export const helpCrunchChatSchema = z
  .object({
    id: idSchema,
    status: z.string(),
    createdAt: timestampSchema.optional(),
    updatedAt: timestampSchema.optional(),
    lastMessageAt: timestampSchema.optional(),
    lastCustomerMessageAt: timestampSchema.optional(),
    closedAt: timestampSchema.optional(),
    snoozedUntil: timestampSchema.optional(),
    lastMessageText: text,
    readByAgent: z.boolean().nullish(),
    customer: z
      .object({ id: idSchema.nullish(), name: text, email: text, userId: z.unknown().optional() })
      .loose()
      .nullish(),
    assignee: agentSchema.nullish(),
    department: z.object({ id: idSchema, name: text }).loose().nullish(),
  })
  .loose()

/** The raw record after validation. */
export type HelpCrunchChat = z.output<typeof helpCrunchChatSchema>

/** Options of the HelpCrunch transform: how to build the web link of a chat. */
export interface HelpCrunchTransformOptions {
  /** Returns the agent-app URL of a chat id, or null when the organisation's domain is not known yet. */
  webUrl?: (chatId: string) => string | null
}

/** Converts one raw HelpCrunch chat into a `Chat`, or says precisely which field is wrong. */
export function helpCrunchToChat(raw: unknown, options: HelpCrunchTransformOptions = {}): TransformResult {
  const parsed = helpCrunchChatSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, error: `helpcrunch chat: ${describeIssues(parsed.error)}` }
  const hc = parsed.data
  const sourceId = String(hc.id)
  const times = [hc.updatedAt, hc.closedAt, hc.lastMessageAt, hc.lastCustomerMessageAt, hc.createdAt]
  const customer = hc.customer ?? null
  const chat: Chat = {
    key: chatKey('helpcrunch', sourceId),
    source: 'helpcrunch',
    sourceId,
    state: unifiedState(HELPCRUNCH_STATES, hc.status),
    rawStatus: hc.status,
    title: customer?.name || customer?.email || `HelpCrunch chat #${sourceId}`,
    customer: { name: customer?.name ?? null, email: customer?.email ?? null, company: null, phone: null },
    assignee: hc.assignee
      ? { id: String(hc.assignee.id), name: hc.assignee.name ?? null, email: hc.assignee.email ?? null }
      : null,
    department: hc.department ? { id: String(hc.department.id), name: hc.department.name ?? null } : null,
    createdAt: hc.createdAt ?? null,
    updatedAt: Math.max(0, ...times.filter((t): t is number => typeof t === 'number')),
    lastMessageAt: hc.lastMessageAt ?? null,
    lastCustomerMessageAt: hc.lastCustomerMessageAt ?? null,
    lastMessageText: hc.lastMessageText ?? null,
    snoozedUntil: hc.snoozedUntil ?? null,
    unread: hc.readByAgent === false,
    callback: null,
    ticketRef: null,
    webUrl: options.webUrl?.(sourceId) ?? null,
  }
  const bounded = boundChat(chat)
  return bounded.ok ? bounded : { ok: false, error: `helpcrunch chat: ${bounded.error}` }
}

/**
 * HelpCrunch chat JSON (docs/helpcrunch.md, "Chat statuses and the chat object"; seed 004) → `Chat`.
 * Lenient where the API is inconsistent (ids as numbers or strings, timestamps in any shape, `agents` as
 * an array or one object, a status as a name or a numeric code, PHP's `[]` for an absent object), strict where
 * a wrong type or an unknown status would produce a half-filled chat: those are refused with the reason, and
 * the caller counts and keeps them (`unmapped.ts`), so nothing is dropped in silence.
 */
import { z } from 'zod'
import { type Chat, chatKey } from '../../../../shared/chat'
import { timestampSchema } from '../../../../shared/time'
import { boundChat } from '../../../../shared/transforms/bounds'
import { describeIssues, type TransformResult } from '../../../../shared/transforms/result'
import { helpCrunchState, helpCrunchStatusName } from './states'

const idSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric id')])
const text = z.string().nullish()
/** PHP's `json_encode` writes an empty array where an empty object was meant: `[]` is read as absent. */
const orEmptyArray = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (Array.isArray(value) && value.length === 0 ? null : value), schema)
/** An agent object, or (in some webhook payloads) only the agent's id. */
const agentSchema = z.preprocess(
  (value) => (typeof value === 'number' || typeof value === 'string' ? { id: value } : value),
  z.object({ id: idSchema, name: text, email: text }).loose(),
)

/** Runtime shape of a HelpCrunch chat as the API (and chat webhooks) send it. */
export const helpCrunchChatSchema = z
  .object({
    id: idSchema,
    status: z.union([z.string(), z.number()]),
    createdAt: timestampSchema.optional(),
    lastMessageAt: timestampSchema.optional(),
    lastCustomerMessageAt: timestampSchema.optional(),
    closedAt: timestampSchema.optional(),
    snoozedUntil: timestampSchema.optional(),
    lastMessageText: text,
    readByAgent: z.boolean().nullish(),
    customer: orEmptyArray(
      z.object({ id: idSchema.nullish(), name: text, email: text, userId: z.unknown().optional() }).loose().nullish(),
    ),
    assignee: orEmptyArray(agentSchema.nullish()),
    department: orEmptyArray(z.object({ id: idSchema, name: text }).loose().nullish()),
  })
  .loose()

/** The raw record after validation. */
export type HelpCrunchChat = z.output<typeof helpCrunchChatSchema>

/** Options of the HelpCrunch transform: how to build the web link of a chat. */
export interface HelpCrunchTransformOptions {
  /** Returns the agent-app URL of a chat id, or null when the organisation's domain is not known yet. */
  webUrl?: (chatId: string) => string | null
}

/**
 * Converts one raw HelpCrunch chat into a `Chat`, or says precisely what is wrong. `updatedAt` is the newest
 * time the record carries; the source's ordering (`ordering.ts`) replaces it with when the app learnt the
 * version, because the documented chat model has no version field of its own.
 */
export function helpCrunchToChat(raw: unknown, options: HelpCrunchTransformOptions = {}): TransformResult {
  const parsed = helpCrunchChatSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, error: `helpcrunch chat: ${describeIssues(parsed.error)}` }
  const hc = parsed.data
  const status = helpCrunchStatusName(hc.status)
  if (status === null)
    return { ok: false, error: `helpcrunch chat: field "status": ${JSON.stringify(hc.status)} is not a known status` }
  const sourceId = String(hc.id)
  const times = [hc.closedAt, hc.lastMessageAt, hc.lastCustomerMessageAt, hc.createdAt]
  const customer = hc.customer ?? null
  const chat: Chat = {
    key: chatKey('helpcrunch', sourceId),
    source: 'helpcrunch',
    sourceId,
    state: helpCrunchState(status),
    rawStatus: String(hc.status),
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

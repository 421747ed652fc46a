/**
 * A whole `Chat` read from a peer that is not a transform of this process (the team hub's stream) or checked
 * again before the engine takes it. A chat that can be identified and ordered (key, source, id, a finite
 * version) is never dropped for a bad secondary field: the field falls back to what an absent value means
 * (`customer: null` → a customer with no name, `createdAt: "yesterday"` → unknown) and the repair is reported.
 * A chat that cannot be identified or ordered is refused with the reason.
 */
import { type Chat, NEEDS_ATTENTION, type UnifiedState } from '../chat'
import { boundedChatSchema } from './bounds'
import { describeIssues } from './result'

/** A readable chat (with the fields that had to be repaired, if any), or why it cannot be taken. */
export type CheckedChat = { ok: true; chat: Chat; repaired: string[] } | { ok: false; error: string }

/** Fields without which a chat cannot be stored or ordered: a problem here refuses the chat. */
const IDENTITY = new Set(['key', 'source', 'sourceId', 'updatedAt'])

/** Every unified state (the reload schema's list). */
const STATES: ReadonlySet<string> = new Set<string>(boundedChatSchema.shape.state.options)

/** What each secondary field becomes when the value sent cannot be read. */
const FALLBACKS: Record<string, (chat: Record<string, unknown>) => unknown> = {
  state: () => 'unknown',
  rawStatus: (chat) => (typeof chat.state === 'string' ? chat.state.slice(0, 200) : ''),
  title: (chat) => `Chat ${String(chat.sourceId)}`,
  customer: () => ({ name: null, email: null, company: null, phone: null }),
  assignee: () => null,
  department: () => null,
  createdAt: () => null,
  lastMessageAt: () => null,
  lastMessageText: () => null,
  snoozedUntil: () => null,
  unread: (chat) => NEEDS_ATTENTION.has(chat.state as UnifiedState),
  callback: () => null,
  ticketRef: () => null,
  webUrl: () => null,
  invited: () => undefined,
  demo: () => undefined,
  claim: () => undefined,
  escalation: () => undefined,
}

/** Reads `raw` as a chat: every field checked, secondary fields repaired, identity problems refused. */
export function readChat(raw: unknown): CheckedChat {
  const first = boundedChatSchema.safeParse(raw)
  if (first.success) return withMatchingKey(first.data as Chat, [])
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'not a chat object' }
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) }
  const repaired: string[] = []
  // `state` before `unread`: the fallback of `unread` reads the (repaired) state.
  const fields = [...new Set(first.error.issues.map((issue) => String(issue.path[0] ?? '')))].sort(
    (a, b) => Number(a === 'unread') - Number(b === 'unread'),
  )
  for (const field of fields) {
    const fallback = FALLBACKS[field]
    if (IDENTITY.has(field) || fallback === undefined) return { ok: false, error: describeIssues(first.error) }
    repaired.push(`field "${field}": ${describe(copy[field])}`)
    copy[field] = fallback(copy)
  }
  if (!STATES.has(copy.state as string)) copy.state = 'unknown'
  const second = boundedChatSchema.safeParse(copy)
  if (!second.success) return { ok: false, error: describeIssues(second.error) }
  return withMatchingKey(second.data as Chat, repaired)
}

/**
 * Why `chat` would break the engine (a time that is not a finite number, no customer object, an unknown state),
 * or null. Cheap, for every chat a source hands over; `readChat` then repairs or refuses the rare bad one.
 */
export function chatDefect(chat: Chat): string | null {
  if (typeof chat !== 'object' || chat === null) return 'not a chat object'
  if (typeof chat.key !== 'string' || typeof chat.source !== 'string' || typeof chat.sourceId !== 'string')
    return 'key, source and sourceId must be text'
  if (typeof chat.updatedAt !== 'number' || !Number.isFinite(chat.updatedAt)) return 'updatedAt is not a time'
  for (const field of ['createdAt', 'lastMessageAt', 'snoozedUntil'] as const) {
    const value = chat[field]
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) return `${field} is not a time`
  }
  if (typeof chat.customer !== 'object' || chat.customer === null) return 'customer is not an object'
  if (typeof chat.title !== 'string' || !STATES.has(chat.state)) return 'title or state unreadable'
  return null
}

function withMatchingKey(chat: Chat, repaired: string[]): CheckedChat {
  if (chat.key !== `${chat.source}:${chat.sourceId}`)
    return { ok: false, error: 'key does not match source and sourceId' }
  return { ok: true, chat, repaired }
}

/** A short, safe description of a value that could not be read (it may be long or hostile). */
function describe(value: unknown): string {
  if (value === undefined) return 'missing'
  const text = JSON.stringify(value) ?? String(value)
  return `unreadable value ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`
}

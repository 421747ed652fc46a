/**
 * The one set of bounds every `Chat` obeys, at ingest and when kept chats are read back after a restart: long
 * text is truncated (a 20,000-character customer name is still a chat worth showing), while an over-long id
 * or key is refused at the door (it could not be snoozed or opened later: commands take keys of at most
 * `MAX_CHAT_KEY` characters). Whatever passes here also passes the reload schema, so nothing answered 200 is
 * set aside at the next start.
 */
import { z } from 'zod'
import { type CallbackDetails, type Chat, TIERS } from '../chat'

/** Longest free text kept (names, titles, message excerpts, notes); longer is cut with an ellipsis. */
export const MAX_TEXT = 10_000
/** Longest source status kept verbatim. */
export const MAX_RAW_STATUS = 200
/** Longest id (chat id, agent id, department id, ticket reference); longer is refused. */
export const MAX_ID = 200
/** Longest source name. */
export const MAX_SOURCE = 40
/** Longest chat key, the same as the chat commands accept. */
export const MAX_CHAT_KEY = 300
/** Longest web link; a longer one is dropped (a cut link would lead nowhere). */
export const MAX_URL = 2_000
/** Most preferred callback times kept. */
export const MAX_PREFERRED_TIMES = 100

/**
 * How far past its sender's clock a version may be dated before a merging source (HelpCrunch webhooks, which
 * merge partial events into the version they hold) refuses it and reloads the chat from its API instead.
 */
export const MAX_FUTURE_VERSION_MS = 86_400_000

/**
 * Why a chat's version cannot be merged at `senderNow` — the sender's clock (its `Date` header, else the engine's
 * estimate of it), never the local clock alone — or null when it can.
 */
export function futureVersionError(chat: Pick<Chat, 'updatedAt'>, senderNow: number): string | null {
  if (chat.updatedAt <= senderNow + MAX_FUTURE_VERSION_MS) return null
  const date = new Date(chat.updatedAt)
  const shown = Number.isFinite(date.getTime()) ? date.toISOString() : String(chat.updatedAt)
  return `version ${shown} is more than a day ahead of the sender's clock: a later real change would be ignored`
}

/** Cuts `text` to `max` characters (the last one an ellipsis), leaving shorter text as it is. */
export function truncateText(text: string, max = MAX_TEXT): string {
  if (text.length <= max) return text
  // Never split a surrogate pair: the half left behind would not be valid text.
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 2)) ? max - 2 : max - 1
  return `${text.slice(0, end)}…`
}

function cut(text: string | null, max = MAX_TEXT): string | null {
  return text === null || text.length <= max ? text : truncateText(text, max)
}

/** A chat within bounds, or why it cannot be taken. */
export type BoundedChat = { ok: true; chat: Chat } | { ok: false; error: string }

/** Applies the bounds: long text truncated, over-long ids refused. Returns the same object when nothing changed. */
export function boundChat(chat: Chat): BoundedChat {
  const tooLong = idTooLong(chat)
  if (tooLong) return { ok: false, error: tooLong }
  if (withinTextBounds(chat)) return { ok: true, chat }
  const { customer, assignee, department, callback } = chat
  const bounded: Chat = {
    ...chat,
    rawStatus: truncateText(chat.rawStatus, MAX_RAW_STATUS),
    title: truncateText(chat.title),
    customer: {
      name: cut(customer.name),
      email: cut(customer.email),
      company: cut(customer.company),
      phone: cut(customer.phone),
    },
    assignee: assignee ? { ...assignee, name: cut(assignee.name), email: cut(assignee.email) } : null,
    department: department ? { ...department, name: cut(department.name) } : null,
    lastMessageText: cut(chat.lastMessageText),
    callback: callback ? boundCallback(callback) : null,
    webUrl: chat.webUrl !== null && chat.webUrl.length > MAX_URL ? null : chat.webUrl,
  }
  return { ok: true, chat: bounded }
}

function boundCallback(callback: CallbackDetails): CallbackDetails {
  return {
    ...callback,
    kind: truncateText(callback.kind, MAX_RAW_STATUS),
    phone: cut(callback.phone),
    note: cut(callback.note),
    preferredTimes: callback.preferredTimes
      .slice(0, MAX_PREFERRED_TIMES)
      .map((t) => (t.text === undefined || t.text === null ? t : { ...t, text: cut(t.text, MAX_RAW_STATUS) })),
  }
}

function idTooLong(chat: Chat): string | null {
  return (
    tooLong('source', chat.source, MAX_SOURCE) ??
    tooLong('id', chat.sourceId, MAX_ID) ??
    tooLong('key', chat.key, MAX_CHAT_KEY) ??
    tooLong('assignee.id', chat.assignee?.id, MAX_ID) ??
    tooLong('department.id', chat.department?.id, MAX_ID) ??
    tooLong('ticketRef', chat.ticketRef, MAX_ID)
  )
}

/** Checked field by field without building a list: this runs for every chat of every delivery. */
function tooLong(field: string, value: string | null | undefined, max: number): string | null {
  if (typeof value !== 'string' || value.length <= max) return null
  return `field "${field}": longer than ${max} characters (${value.length})`
}

/** The common case, checked without allocating: every text field already within bounds. */
function withinTextBounds(chat: Chat): boolean {
  const short = (text: string | null | undefined, max = MAX_TEXT) =>
    text === null || text === undefined || text.length <= max
  const { customer, assignee, department, callback } = chat
  return (
    short(chat.rawStatus, MAX_RAW_STATUS) &&
    short(chat.title) &&
    short(customer.name) &&
    short(customer.email) &&
    short(customer.company) &&
    short(customer.phone) &&
    short(assignee?.name) &&
    short(assignee?.email) &&
    short(department?.name) &&
    short(chat.lastMessageText) &&
    short(chat.webUrl, MAX_URL) &&
    (callback === null ||
      (short(callback.kind, MAX_RAW_STATUS) &&
        short(callback.phone) &&
        short(callback.note) &&
        callback.preferredTimes.length <= MAX_PREFERRED_TIMES &&
        callback.preferredTimes.every((t) => short(t.text, MAX_RAW_STATUS))))
  )
}

const text = z.string().transform((value) => truncateText(value))
const nullableText = text.nullable()
const id = z.string().max(MAX_ID)
const person = { name: nullableText, email: nullableText }

/**
 * A chat as read back from disk: every field of `Chat`, checked (the file may be damaged, or written by an older
 * build with other bounds). Text is truncated like at ingest; ids are held to the same maximum.
 */
export const boundedChatSchema = z.object({
  key: z.string().min(3).max(MAX_CHAT_KEY),
  source: z.string().min(1).max(MAX_SOURCE),
  sourceId: z.string().min(1).max(MAX_ID),
  state: z.enum(['waiting', 'active', 'pending', 'on-hold', 'missed', 'callback', 'closed', 'ignored', 'unknown']),
  rawStatus: z.string().transform((value) => truncateText(value, MAX_RAW_STATUS)),
  title: text,
  customer: z.object({ ...person, company: nullableText, phone: nullableText }),
  assignee: z.object({ id, ...person }).nullable(),
  department: z.object({ id, name: nullableText }).nullable(),
  createdAt: z.number().nullable(),
  updatedAt: z.number(),
  lastMessageAt: z.number().nullable(),
  lastMessageText: nullableText,
  snoozedUntil: z.number().nullable(),
  unread: z.boolean(),
  callback: z
    .object({
      kind: z.string().transform((value) => truncateText(value, MAX_RAW_STATUS)),
      phone: nullableText,
      note: nullableText,
      preferredTimes: z
        .array(
          z.object({
            start: z.number().nullable(),
            end: z.number().nullable(),
            text: z
              .string()
              .transform((value) => truncateText(value, MAX_RAW_STATUS))
              .nullish(),
          }),
        )
        .transform((times) => times.slice(0, MAX_PREFERRED_TIMES)),
    })
    .nullable(),
  ticketRef: id.nullable(),
  webUrl: z
    .string()
    .nullable()
    .transform((url) => (url !== null && url.length > MAX_URL ? null : url)),
  invited: z.array(id).max(50).optional(),
  demo: z.boolean().optional(),
  // Stamped by the team hub (docs/team.md); names are the tokens file's agent names (at most 200 characters).
  claim: z
    .object({ agent: z.string().min(1).max(200), since: z.number() })
    .nullable()
    .optional(),
  escalation: z
    .object({
      tier: z.enum(TIERS),
      since: z.number(),
      dueAt: z.number(),
      nextAt: z.number().nullable(),
      agents: z.array(z.string().min(1).max(200)).max(10_000),
    })
    .nullable()
    .optional(),
})

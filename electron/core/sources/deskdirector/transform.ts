/**
 * DeskDirector ChatSession JSON (docs/deskdirector.md, "The payload"; seed 000) → `Chat`.
 * Every field but `id`, `status` and a version time is optional: the 2018 schema and real payloads disagree
 * (members carry no `company`, `report` is `{}`), so absent means null, but a wrong type is an error.
 */
import { z } from 'zod'
import { type Chat, chatKey, NEEDS_ATTENTION } from '../../../../shared/chat'
import { unifiedState } from '../../../../shared/state-table'
import { optionalTimestampSchema } from '../../../../shared/time'
import { boundChat } from '../../../../shared/transforms/bounds'
import { describeIssues, type TransformResult } from '../../../../shared/transforms/result'
import { preferredTimesOf } from './preferred-times'
import { DESKDIRECTOR_STATES } from './states'

const text = z.string().nullish()
const userSchema = z
  .object({
    entityId: z.number().nullish(),
    name: text,
    userId: text,
    company: z.object({ name: text, identifier: text }).loose().nullish(),
  })
  .loose()
type DeskDirectorUser = z.output<typeof userSchema>

/** Runtime shape of one DeskDirector ChatSession. */
export const deskDirectorSessionSchema = z
  .object({
    id: z.string().min(1, 'expected a non-empty id'),
    name: text,
    type: text,
    status: z.string(),
    creator: userSchema.nullish(),
    users: z.array(userSchema).nullish(),
    participants: z.array(userSchema).nullish(),
    targetUsers: z.array(userSchema).nullish(),
    reference: z
      .object({ type: text, id: z.union([z.string(), z.number()]).nullish() })
      .loose()
      .nullish(),
    callback: z
      .object({
        // Unspecified by the API docs: an unknown type is kept as sent, preferred times are read leniently.
        type: text,
        phone: text,
        note: text,
        preferredTime: z.unknown().optional(),
      })
      .loose()
      .nullish(),
    createdDateTime: optionalTimestampSchema,
    lastModifiedDateTime: optionalTimestampSchema,
    closedDateTime: optionalTimestampSchema,
  })
  .loose()

/** Options of the DeskDirector transform. */
export interface DeskDirectorTransformOptions {
  /** Base URL of the DeskDirector site (e.g. `https://acme.deskdirector.com`); links go to TECH. */
  baseUrl?: string | null
}

/** Converts one raw ChatSession into a `Chat`, or says precisely which field is wrong. */
export function deskDirectorToChat(raw: unknown, options: DeskDirectorTransformOptions = {}): TransformResult {
  const parsed = deskDirectorSessionSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, error: `deskdirector session: ${describeIssues(parsed.error)}` }
  const dd = parsed.data
  const version = dd.lastModifiedDateTime ?? dd.closedDateTime ?? dd.createdDateTime
  if (version === null || version === undefined) {
    return { ok: false, error: 'deskdirector session: field "lastModifiedDateTime": required to order deliveries' }
  }
  const state = unifiedState(DESKDIRECTOR_STATES, dd.status)
  // Not a status the app knows: refused with the reason, so the delivery keeps it as a dead letter and the
  // source status says so, instead of a chat that shows nowhere.
  if (state === 'unknown')
    return {
      ok: false,
      error: `deskdirector session: field "status": ${JSON.stringify(dd.status)} is not a known status`,
    }
  const ticketRef = dd.reference?.id === null || dd.reference?.id === undefined ? null : String(dd.reference.id)
  const member = (dd.users ?? []).find(isMember) ?? null
  const chat: Chat = {
    key: chatKey('deskdirector', dd.id),
    source: 'deskdirector',
    sourceId: dd.id,
    state,
    rawStatus: dd.status,
    title: dd.name || dd.creator?.name || `DeskDirector chat ${dd.id}`,
    customer: {
      name: dd.creator?.name ?? null,
      email: null,
      company: dd.creator?.company?.name ?? null,
      phone: dd.callback?.phone ?? null,
    },
    assignee: member ? { id: member.userId ?? String(member.entityId), name: member.name ?? null, email: null } : null,
    department: null,
    createdAt: dd.createdDateTime ?? null,
    updatedAt: version,
    lastMessageAt: null,
    // No handled time is sent: the version that says `handled` is when it was taken (later edits move it a little).
    handledAt: state === 'active' ? version : null,
    lastMessageText: null,
    snoozedUntil: null,
    unread: NEEDS_ATTENTION.has(state),
    callback: dd.callback
      ? {
          kind: dd.callback.type || 'phone',
          phone: dd.callback.phone ?? null,
          note: dd.callback.note ?? null,
          preferredTimes: preferredTimesOf(dd.callback.preferredTime),
        }
      : null,
    ticketRef,
    webUrl: deskDirectorWebUrl(options.baseUrl, ticketRef),
    ...invitedOf(dd),
  }
  const bounded = boundChat(chat)
  return bounded.ok ? bounded : { ok: false, error: `deskdirector session: ${bounded.error}` }
}

/** Techs a `push` chat was started towards and who have not joined yet (`targetUsers`, members only). */
function invitedOf(dd: z.output<typeof deskDirectorSessionSchema>): { invited?: string[] } {
  if (dd.type !== 'push') return {}
  const invited = (dd.targetUsers ?? []).filter(isMember).flatMap((u) => (u.userId ? [u.userId] : []))
  return invited.length > 0 ? { invited: invited.slice(0, 50) } : {}
}

/** Members (techs) have `~m~` in their userId; contacts have `~c~` (docs/deskdirector.md). */
function isMember(user: DeskDirectorUser): boolean {
  return typeof user.userId === 'string' && user.userId.split('~')[1] === 'm'
}

/** The TECH link of a chat: its ticket when linked, else TECH home; null when no site is configured. */
export function deskDirectorWebUrl(baseUrl: string | null | undefined, ticketRef: string | null): string | null {
  if (!baseUrl) return null
  const base = baseUrl.replace(/\/+$/, '')
  return ticketRef ? `${base}/tech/tickets/${encodeURIComponent(ticketRef)}` : `${base}/tech`
}

/**
 * The hub's stream format, shared by the hub (server) and the hub-client source. Every stream event is an
 * SSE message whose `event:` is one of `HUB_EVENT_NAMES` and whose `data:` is one JSON object. Nothing here
 * names a help desk: who an agent is at each source travels as `me`, keyed by source id (docs/hub.md).
 */
import { z } from 'zod'
import type { Chat, Tier } from '../chat'
import type { RemovalReason } from './events'
import type { SourceStatus } from './source-status'
import type { TeamPresenceData } from './team'

/** Event names on `GET /v1/stream`, in the order a client first meets them. */
export const HUB_EVENT_NAMES = [
  'snapshot',
  'chat.added',
  'chat.changed',
  'chat.removed',
  'source.status',
  'team.presence',
] as const
/** One of `HUB_EVENT_NAMES`. */
export type HubEventName = (typeof HUB_EVENT_NAMES)[number]

/**
 * The agent a token names: a name, and their id at each source ("me": assign to me, scope "mine", assigned-to-me
 * alerts), keyed by source id. A source the map leaves out, or maps to null, has no "me" for this agent.
 */
export interface HubAgent {
  name: string
  me: Record<string, string | null>
  /** The agent's escalation tier (tokens file `tier`, default `1`); `lead` may open the board. */
  tier?: Tier
}

/** Most sources one agent's `me` may name. */
const MAX_ME_SOURCES = 50
/** A source id as chat keys spell it (`helpcrunch:…`). */
const sourceIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a source id is lower case, e.g. "ticketbox"')
/** One "me": an id (a number is read as its decimal text, as help desks print them) or null. */
const meValueSchema = z.union([z.string().min(1).max(200), z.number().int().nonnegative().transform(String), z.null()])
/** `me` as the tokens file and the snapshot carry it. */
const meSchema = z.record(sourceIdSchema, meValueSchema).refine((me) => Object.keys(me).length <= MAX_ME_SOURCES, {
  message: `at most ${MAX_ME_SOURCES} sources`,
})
/**
 * The form before `me` (issue 13): one field `<source>AgentId` per source (the shipped file had one for
 * HelpCrunch). Still read, as `me.<source>`; docs/hub.md says how to migrate.
 */
const LEGACY_ME_FIELD = /^([a-z][a-z0-9]*)AgentId$/

/**
 * Reads "me" per source from a tokens-file entry or a snapshot's agent: `me`, plus the legacy `<source>AgentId`
 * fields. Returns the map, or the first problem in words that name a field, never a value.
 */
export function readAgentMe(
  entry: Record<string, unknown>,
): { ok: true; me: Record<string, string | null> } | { ok: false; error: string } {
  const given = entry.me === undefined ? {} : entry.me
  const parsed = meSchema.safeParse(given)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = ['me', ...(issue?.path ?? [])].join('.')
    return { ok: false, error: `"${where}": ${issue?.message}` }
  }
  const me: Record<string, string | null> = { ...parsed.data }
  for (const [field, value] of Object.entries(entry)) {
    const source = LEGACY_ME_FIELD.exec(field)?.[1]
    if (source === undefined || value === undefined) continue
    const legacy = meValueSchema.safeParse(value)
    if (!legacy.success) return { ok: false, error: `"${field}": ${legacy.error.issues[0]?.message}` }
    if (Object.hasOwn(me, source) && me[source] !== legacy.data)
      return { ok: false, error: `"${field}" and "me.${source}" disagree: give only "me.${source}"` }
    me[source] = legacy.data
  }
  return { ok: true, me }
}

/** `data` of each event name. */
export interface HubEventData {
  snapshot: { chats: Chat[]; sources: SourceStatus[]; agent: HubAgent; now: number }
  'chat.added': { chat: Chat }
  'chat.changed': { chat: Chat }
  'chat.removed': { key: string; reason: RemovalReason }
  'source.status': { status: SourceStatus }
  /**
   * Presence is not a numbered change (it is not replayed): a stream gets the whole team (`full: true`) as soon
   * as it is live, then each agent whose presence changed (docs/team.md).
   */
  'team.presence': TeamPresenceData
}

/** A logged, numbered change (never a snapshot, made per client, nor presence, which is sent whole on connect). */
export type HubChangeName = Exclude<HubEventName, 'snapshot' | 'team.presence'>

/** Commands `POST /v1/commands` accepts; everything else is `400 bad_command`. */
export const HUB_COMMANDS = [
  'chat.snooze',
  'chat.unsnooze',
  'chat.assign',
  'chat.status',
  'chat.read',
  'chat.open',
  'sources.refresh',
  'agents.list',
  'snapshot.get',
  'chat.claim',
  'presence.report',
] as const

/** Paths of the hub's client API. */
export const HUB_STREAM_PATH = '/v1/stream'
/** Path of the hub's command route. */
export const HUB_COMMANDS_PATH = '/v1/commands'

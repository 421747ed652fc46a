/**
 * The hub's stream format, shared by the hub (server) and the hub-client source. Every stream event is an
 * SSE message whose `event:` is one of `HUB_EVENT_NAMES` and whose `data:` is one JSON object.
 */
import type { Chat } from '../chat'
import type { RemovalReason } from './events'
import type { SourceStatus } from './source-status'

/** Event names on `GET /v1/stream`, in the order a client first meets them. */
export const HUB_EVENT_NAMES = ['snapshot', 'chat.added', 'chat.changed', 'chat.removed', 'source.status'] as const
/** One of `HUB_EVENT_NAMES`. */
export type HubEventName = (typeof HUB_EVENT_NAMES)[number]

/** The agent a token names; the client scopes "mine" and assigns with `helpcrunchAgentId`. */
export interface HubAgent {
  name: string
  helpcrunchAgentId: string | null
}

/** `data` of each event name. */
export interface HubEventData {
  snapshot: { chats: Chat[]; sources: SourceStatus[]; agent: HubAgent; now: number }
  'chat.added': { chat: Chat }
  'chat.changed': { chat: Chat }
  'chat.removed': { key: string; reason: RemovalReason }
  'source.status': { status: SourceStatus }
}

/** A logged, numbered change (never a snapshot: snapshots are made per client). */
export type HubChangeName = Exclude<HubEventName, 'snapshot'>

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
] as const

/** Paths of the hub's client API. */
export const HUB_STREAM_PATH = '/v1/stream'
/** Path of the hub's command route. */
export const HUB_COMMANDS_PATH = '/v1/commands'

/**
 * The event half of the protocol: every event a host receives, with its payload. On the NDJSON wire an
 * event is `{"type": <name>, ...payload}`. `EventPayloads` must cover every name in `EVENT_TYPES`.
 */
import type { Alert } from '../alert'
import type { Chat } from '../chat'
import type { Settings } from '../settings'
import type { DesktopStatus } from './desktop'
import type { CommandError } from './errors'
import type { SourceStatus } from './source-status'
import type { AgentPresence, AwaySummary } from './team'

/** Every event type. */
export const EVENT_TYPES = [
  'ready',
  'chat.added',
  'chat.changed',
  'chat.removed',
  'alert',
  'source.status',
  'settings.changed',
  'command.result',
  'panel.show',
  'desktop.status',
  'events.dropped',
  'team.presence',
  'team.away',
] as const
/** One of `EVENT_TYPES`. */
export type EventType = (typeof EVENT_TYPES)[number]

/** Why a chat left the store. */
export type RemovalReason = 'deleted' | 'pruned' | 'source-removed'

/** Payloads, one per event type. */
export interface EventPayloads {
  /** `listen` is null on a desktop that follows a team hub; `hub` is true on the hub itself. */
  ready: { listen: string | null; version: string; sources: string[]; demo: boolean; pid: number; hub?: boolean }
  'chat.added': { chat: Chat }
  'chat.changed': { chat: Chat; previous: Chat }
  'chat.removed': { key: string; previous: Chat; reason: RemovalReason }
  alert: { alert: Alert }
  'source.status': { status: SourceStatus }
  'settings.changed': { settings: Settings }
  'command.result': { id: string | null; ok: boolean; result?: unknown; error?: CommandError }
  /**
   * Desktop only: the shell asks the panel to show a view (the tray's "Settings…"); `chatKeys` when it opened
   * from an alert about them (the panel then never lets a filter hide them).
   */
  'panel.show': { view: PanelView; chatKeys?: string[] }
  /** Desktop only: updates, tray or window, toast visibility changed (shared/protocol/desktop.ts). */
  'desktop.status': { status: DesktopStatus }
  /** Headless only: `count` events were dropped while stdout was not read (resync with `snapshot.get`). */
  'events.dropped': { count: number }
  /** Following a team hub: the whole team's presence, whenever an agent's changed (docs/team.md). */
  'team.presence': { agents: AgentPresence[] }
  /** Following a team hub: what happened while this desktop was away (resume, unlock, DND end, reconnect). */
  'team.away': { summary: AwaySummary }
}

/** The views of the panel, in tab order (the one list: the panel's tabs and `panel.show` both use it). */
export const PANEL_VIEWS = ['chats', 'alerts', 'settings'] as const
/** One of `PANEL_VIEWS`. */
export type PanelView = (typeof PANEL_VIEWS)[number]

type AssertEventCoverage<T extends Record<EventType, object> & { [K in Exclude<keyof T, EventType>]: never }> = T
/** Exported so the check cannot be removed as unused. */
export type CheckedEventPayloads = AssertEventCoverage<EventPayloads>

/** One event as it travels: its type plus its payload fields. */
export type ProtocolEvent = { [K in EventType]: { type: K } & EventPayloads[K] }[EventType]
/** The event of type `K`. */
export type EventOf<K extends EventType> = Extract<ProtocolEvent, { type: K }>

/** The three store change events. */
export type ChatChange = EventOf<'chat.added' | 'chat.changed' | 'chat.removed'>

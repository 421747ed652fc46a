/**
 * The team layer's wire (issue 21, docs/team.md): presence reports a desktop sends the hub, the `team.presence` it
 * fans out, the claim a chat carries, the away summary. Nothing here names a help desk; names come only from the
 * hub's tokens file. Validated with zod at both edges like the rest of the protocol.
 */
import { z } from 'zod'
import { type ChatClaim, TIERS, type Tier } from '../chat'
import { shiftSchema } from '../settings'

export type { ChatClaim, ChatEscalation, Tier } from '../chat'
export { TIERS } from '../chat'

/** What a desktop's machine is doing: `idle` = no input for a while; `locked` and `suspended` = away. */
export const ACTIVITIES = ['active', 'idle', 'locked', 'suspended'] as const
/** One of `ACTIVITIES`. */
export type Activity = (typeof ACTIVITIES)[number]

const epochMs = z.number().int().nonnegative()
const chatKey = z.string().min(3).max(300)

/** The chat a desktop opened at the help desk (`chat.open`) in the last `OPEN_CHAT_MS`. */
export const openChatSchema = z.object({ key: chatKey, at: epochMs })
/** An open chat. */
export type OpenChat = z.output<typeof openChatSchema>

/**
 * `presence.report`: what a desktop following a hub says about its agent, on every change and then every
 * `heartbeatMs` the hub answered. `online: false` says goodbye (quitting, or no longer following). `onShift` is
 * the desktop's own schedule (`alerts.shifts`, its local time); null when it has none.
 */
export const presenceReportSchema = z.object({
  online: z.boolean(),
  dndUntil: epochMs.nullable(),
  onShift: z.boolean().nullable(),
  activity: z.enum(ACTIVITIES),
  openChat: openChatSchema.nullable(),
})
/** One presence report. */
export type PresenceReport = z.output<typeof presenceReportSchema>

/**
 * How presence is kept fresh. A report is a small command (not a stream of its own: the SSE stream cannot tell a
 * frozen desktop from a live one, since the kernel keeps acknowledging it), sent on change and every heartbeat;
 * an agent none of whose desktops reported for `staleAfterMs` is stale (shown as not online, not reachable). A
 * report is about 650 bytes on the wire with its HTTP headers: 45 s keeps a desktop under 1 KB a minute.
 */
export const PRESENCE_TIMING = { heartbeatMs: 45_000, staleAfterMs: 110_000 } as const
/** How long an opened chat counts as "open" for the collision chips ("Leo opened it 1 min ago"). */
export const OPEN_CHAT_MS = 5 * 60_000

/**
 * One agent of the tokens file as the team sees it. `reachable` = online, not stale, on shift, not in
 * do-not-disturb and not locked or suspended: whom the escalation ladder alerts. `lastSeen` null: never reported.
 */
export interface AgentPresence {
  name: string
  tier: Tier
  online: boolean
  stale: boolean
  reachable: boolean
  dndUntil: number | null
  onShift: boolean | null
  activity: Activity
  openChat: OpenChat | null
  lastSeen: number | null
}

/**
 * `team.presence` on the hub's stream and on a desktop's bus. On the stream: `full: true` (sent when a stream
 * opens) replaces the whole team; `full: false` carries only the agents that changed. On a desktop's bus the
 * list is always the whole team.
 */
export interface TeamPresenceData {
  agents: AgentPresence[]
  full: boolean
}

/** Validates `team.presence` from the hub (it comes over the network). */
export const teamPresenceSchema = z.object({
  full: z.boolean(),
  agents: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        tier: z.enum(TIERS),
        online: z.boolean(),
        stale: z.boolean(),
        reachable: z.boolean(),
        dndUntil: epochMs.nullable(),
        onShift: z.boolean().nullable(),
        activity: z.enum(ACTIVITIES),
        openChat: openChatSchema.nullable(),
        lastSeen: epochMs.nullable(),
      }),
    )
    .max(10_000),
})

/** `tier` and `shifts` of a tokens-file entry (shifts in the hub's local time zone: set `TZ` for the hub). */
export const teamTokenFields = z.object({
  tier: z.enum(TIERS).default('1'),
  shifts: z.array(shiftSchema).max(100).optional(),
})

/** Why a desktop shows what happened while it was away. */
export const AWAY_REASONS = ['resume', 'unlock', 'dnd-end', 'reconnect'] as const
/** One of `AWAY_REASONS`. */
export type AwayReason = (typeof AWAY_REASONS)[number]

/**
 * "While you were away" (`team.away` on a desktop's bus): chats that started needing attention in [from, to),
 * how many of them someone took (claimed or assigned) and by whom, and the keys still waiting with nobody on them.
 * `text` is the one line to show: "3 arrived · 2 taken by Mia and Leo · 1 still waiting".
 */
export interface AwaySummary {
  reason: AwayReason
  from: number
  to: number
  arrived: number
  taken: number
  takenBy: string[]
  stillWaiting: string[]
  text: string
}

/** The `conflict` error's extra field: the claim that won. */
export type ConflictClaim = ChatClaim

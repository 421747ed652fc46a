/**
 * The one chat model every help desk is normalised into (docs/architecture.md, "The chat model").
 * Sources produce raw records; each source's transform (`sources/<desk>/transform.ts`) turns them into `Chat`s.
 */

/** Identifier of a help-desk source (the registry in `electron/core/sources/registry.ts` lists them). */
export type SourceId = string

/** Unified chat state, whatever the source's own spelling. */
export type UnifiedState =
  | 'waiting'
  | 'active'
  | 'pending'
  | 'on-hold'
  | 'missed'
  | 'callback'
  | 'closed'
  | 'ignored'
  | 'unknown'

/** States in which a customer still needs an agent (alerts and the panel care about these). */
export const OPEN_STATES: ReadonlySet<UnifiedState> = new Set([
  'waiting',
  'active',
  'pending',
  'on-hold',
  'missed',
  'callback',
])

/** States in which a customer waits for an agent's first move: urgent in the tray, alerted on entry, unread. */
export const NEEDS_ATTENTION: ReadonlySet<UnifiedState> = new Set(['waiting', 'missed', 'callback'])

/** A person on the customer side. */
export interface Customer {
  name: string | null
  email: string | null
  company: string | null
  phone: string | null
}

/** An agent (HelpCrunch agent, DeskDirector member). */
export interface AgentRef {
  id: string
  name: string | null
  email: string | null
}

/** A callback request (DeskDirector `callback`). Times are epoch ms. */
export interface CallbackDetails {
  /** `phone` or `chat`; any other value the source sends is kept as it came. */
  kind: string
  phone: string | null
  note: string | null
  /** Preferred times; a value that is not a readable date is kept as `text` (start and end null). */
  preferredTimes: { start: number | null; end: number | null; text?: string | null }[]
}

/** One chat, normalised. Every time is epoch milliseconds. */
export interface Chat {
  /** `"<source>:<sourceId>"`, e.g. `helpcrunch:5217453`. */
  key: string
  source: SourceId
  sourceId: string
  state: UnifiedState
  /** The source's own status string, kept verbatim. */
  rawStatus: string
  title: string
  customer: Customer
  assignee: AgentRef | null
  department: { id: string; name: string | null } | null
  createdAt: number | null
  /** Version of this record: newer versions replace older ones, older ones are ignored. */
  updatedAt: number
  lastMessageAt: number | null
  /** When the customer last wrote, where the source tells (HelpCrunch); a later `lastMessageAt` means an agent spoke last. */
  lastCustomerMessageAt?: number | null
  /** When an agent took the chat, where the source tells (DeskDirector: the version that made it `handled`). */
  handledAt?: number | null
  lastMessageText: string | null
  snoozedUntil: number | null
  unread: boolean
  callback: CallbackDetails | null
  /** Linked ticket id (DeskDirector `reference.id`), if any. */
  ticketRef: string | null
  /** Where "open" takes the agent; null when the source's web address is not configured yet. */
  webUrl: string | null
  /** Agents invited to the chat who have not joined yet (DeskDirector `push` chats' `targetUsers`). */
  invited?: string[]
  /** True for chats made by the demo scenario; they are never mixed with real sources. */
  demo?: boolean
  /**
   * Team hub only: who said "I'm on it" (`chat.claim`), stamped by the hub on every copy it sends; null or absent:
   * nobody. A claimed chat rings for nobody (docs/team.md).
   */
  claim?: ChatClaim | null
  /**
   * Team hub only: whom the escalation ladder alerts for this chat now (docs/team.md). Absent: the hub has no ladder
   * for it (not waiting, claimed, assigned, or an older hub): the desktop alerts as it always did.
   */
  escalation?: ChatEscalation | null
}

/** Escalation tiers of a team, in the order the ladder climbs them (a token's `tier`). */
export const TIERS = ['1', '2', 'lead'] as const
/** One of `TIERS`. */
export type Tier = (typeof TIERS)[number]

/** A claim: the agent (a name from the hub's tokens file) and when they claimed (epoch ms, the hub's clock). */
export interface ChatClaim {
  agent: string
  since: number
}

/**
 * The ladder's state for one unclaimed chat that needs attention: the highest tier alerted so far, when the chat
 * started waiting (`since`), the first-response deadline the ladder climbs to (`dueAt`), when the next tier is
 * due (null at the top), and the names alerted now (every reachable agent of every tier reached; everyone when
 * nobody at all is reachable).
 */
export interface ChatEscalation {
  tier: Tier
  since: number
  dueAt: number
  nextAt: number | null
  agents: string[]
}

/**
 * True when the chat is the user's at its source, whose id there is `me` (null: none chosen): assigned to them, or
 * inviting them (a DeskDirector `push` chat lists its invited techs before they join). One rule for every source:
 * a source says who a chat belongs to through `assignee` and `invited`.
 */
export function isMineAt(chat: Pick<Chat, 'assignee' | 'invited'>, me: string | null): boolean {
  return me !== null && (chat.assignee?.id === me || (chat.invited ?? []).includes(me))
}

/** Builds the store key of a chat. */
export function chatKey(source: SourceId, sourceId: string | number): string {
  return `${source}:${sourceId}`
}

/** Splits a store key back into source and source id (the id may itself contain ':'). */
export function parseChatKey(key: string): { source: SourceId; sourceId: string } | null {
  const at = key.indexOf(':')
  if (at <= 0 || at === key.length - 1) return null
  return { source: key.slice(0, at), sourceId: key.slice(at + 1) }
}

/** True while a customer still needs someone (not closed, ignored or unknown). */
export function isOpen(chat: Pick<Chat, 'state'>): boolean {
  return OPEN_STATES.has(chat.state)
}

/** True while a customer waits for an agent's first move (see `NEEDS_ATTENTION`). */
export function needsAttention(chat: Pick<Chat, 'state'>): boolean {
  return NEEDS_ATTENTION.has(chat.state)
}

/** True when the chat is snoozed at time `now`. */
export function isSnoozed(chat: Pick<Chat, 'snoozedUntil'>, now: number): boolean {
  return chat.snoozedUntil !== null && chat.snoozedUntil > now
}

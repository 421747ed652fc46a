/** Which panel group a chat belongs to, filtering and ordering, and what the filters hide. Pure. */
import { type Chat, isMineAt, isOpen, isSnoozed, needsAttention } from '../../../shared/chat'
import { replyClock } from '../../../shared/reply'

/** Panel groups, in display order. Active is split: my chats apart from the team's (bulk actions stay on mine). */
export const GROUPS = [
  { id: 'waiting', label: 'Waiting' },
  { id: 'missed', label: 'Missed & callbacks' },
  { id: 'mine', label: 'Active · yours' },
  { id: 'team', label: 'Active · team' },
  { id: 'snoozed', label: 'Snoozed' },
] as const
/** One group id. */
export type GroupId = (typeof GROUPS)[number]['id']
/** Chats per group. */
export type Groups = Record<GroupId, Chat[]>

/** Filters the agent can set. */
export interface Filters {
  source: 'all' | string
  scope: 'all' | 'unassigned' | 'mine'
  search: string
  /** Only chats with unread customer messages. */
  unreadOnly?: boolean
}

/** Filters that hide nothing. */
export const NO_FILTERS: Filters = { source: 'all', scope: 'all', search: '', unreadOnly: false }

/** True when any filter hides something. */
export function filtersActive(filters: Filters): boolean {
  return filters.source !== 'all' || filters.scope !== 'all' || filters.search.trim() !== '' || !!filters.unreadOnly
}

/** True when `me` has the chat: the engine's one rule (`isMineAt`), so the panel and the alerts agree. */
export const isMine = isMineAt

/** True when a colleague has the chat (assigned to someone who is not me). */
export function isColleagues(chat: Pick<Chat, 'assignee' | 'invited'>, me: string | null): boolean {
  return chat.assignee !== null && !isMine(chat, me)
}

/** The group of an open chat, or null when closed (not shown). `me` splits Active into mine and the team's. */
export function groupOf(chat: Chat, now: number, me: string | null = null): GroupId | null {
  if (!isOpen(chat)) return null
  if (isSnoozed(chat, now)) return 'snoozed'
  if (chat.state === 'waiting') return 'waiting'
  if (chat.state === 'missed' || chat.state === 'callback') return 'missed'
  return isMine(chat, me) ? 'mine' : 'team'
}

/** Lower case without accents, so "tomas" finds "Tomás". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Search options: message text is not searched in privacy mode (it is not shown either). */
export interface MatchOptions {
  privacy?: boolean
  /** "Me" at each chat's own source (the panel: from the statuses); without it, `me` counts for every chat. */
  meOf?: (source: string) => string | null
}

/** Searchable text of a chat, folded once per chat version (chats are immutable; a change is a new object),
 * so typing in the search box does not normalise every field of every chat on each key. */
const folded = new WeakMap<Chat, { fields: string; message: string }>()

function foldedOf(chat: Chat): { fields: string; message: string } {
  let f = folded.get(chat)
  if (!f) {
    const fields = [chat.title, chat.customer.name, chat.customer.email, chat.customer.company, chat.assignee?.name]
    // Joined with a character no folded query contains, so a match never spans two fields.
    f = { fields: fields.map((t) => (t ? fold(t) : '')).join('\n'), message: fold(chat.lastMessageText ?? '') }
    folded.set(chat, f)
  }
  return f
}

/** True when `chat` passes the filters (`me` is the configured agent id). */
export function matches(chat: Chat, filters: Filters, me: string | null, options: MatchOptions = {}): boolean {
  return matchesFolded(chat, filters, fold(filters.search.trim()), me, options)
}

function matchesFolded(chat: Chat, filters: Filters, q: string, me: string | null, options: MatchOptions): boolean {
  if (filters.source !== 'all' && chat.source !== filters.source) return false
  if (filters.scope === 'unassigned' && chat.assignee) return false
  if (filters.scope === 'mine' && !isMine(chat, options.meOf ? options.meOf(chat.source) : me)) return false
  if (filters.unreadOnly && !chat.unread) return false
  if (!q) return true
  const f = foldedOf(chat)
  return f.fields.includes(q) || (!options.privacy && f.message.includes(q))
}

/** Urgent chats (waiting, missed, callback; not snoozed) the filters hide, by kind. */
export interface HiddenUrgent {
  waiting: number
  missed: number
  callback: number
}

/** Chats per group after the filters, plus the urgent ones the filters hide. */
export interface Grouping {
  groups: Groups
  hidden: HiddenUrgent
  /** Open chats the filters hide, urgent or not. */
  hiddenTotal: number
}

const since = (c: Chat) => replyClock(c)?.since ?? c.lastMessageAt ?? c.createdAt ?? c.updatedAt

/**
 * Chats per group: waiting, missed and active longest waiting first; snoozed in wake order (next to wake
 * first). `snoozedUntil` overrides a chat's snooze (a snooze sent but not yet confirmed shows at once).
 */
export function groupChats(
  chats: Iterable<Chat>,
  filters: Filters,
  me: string | null,
  now: number,
  options: MatchOptions & { snoozedUntil?: Readonly<Record<string, number | null>> } = {},
): Grouping {
  const groups: Groups = { waiting: [], missed: [], mine: [], team: [], snoozed: [] }
  const hidden: HiddenUrgent = { waiting: 0, missed: 0, callback: 0 }
  let hiddenTotal = 0
  const q = fold(filters.search.trim())
  const pending = options.snoozedUntil ?? {}
  for (const stored of chats) {
    const override = pending[stored.key]
    const chat = override === undefined ? stored : { ...stored, snoozedUntil: override }
    const myId = options.meOf ? options.meOf(chat.source) : me
    const group = groupOf(chat, now, myId)
    if (!group) continue
    if (matchesFolded(stored, filters, q, me, options)) {
      groups[group].push(override === undefined ? stored : chat)
      continue
    }
    hiddenTotal++
    if (group !== 'snoozed' && needsAttention(chat)) hidden[chat.state as keyof HiddenUrgent]++
  }
  for (const id of ['waiting', 'missed', 'mine', 'team'] as const) {
    // Each chat's clock once, not once per comparison.
    const at = new Map(groups[id].map((c) => [c, since(c)]))
    groups[id].sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }
  groups.snoozed.sort((a, b) => (a.snoozedUntil ?? 0) - (b.snoozedUntil ?? 0) || a.key.localeCompare(b.key))
  return { groups, hidden, hiddenTotal }
}

/** Number of open chats (what the panel would list with no filters). */
export function countOpen(chats: Iterable<Chat>): number {
  let n = 0
  for (const chat of chats) if (isOpen(chat)) n++
  return n
}

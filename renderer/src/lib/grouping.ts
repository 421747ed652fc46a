/** Which panel group a chat belongs to, filtering and ordering. Pure. */
import { type Chat, isOpen, isSnoozed } from '../../../shared/chat'

/** Panel groups, in display order. */
export const GROUPS = [
  { id: 'waiting', label: 'Waiting' },
  { id: 'missed', label: 'Missed & callbacks' },
  { id: 'active', label: 'Active' },
  { id: 'snoozed', label: 'Snoozed' },
] as const
/** One group id. */
export type GroupId = (typeof GROUPS)[number]['id']

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

/** The group of an open chat, or null when closed (not shown). */
export function groupOf(chat: Chat, now: number): GroupId | null {
  if (!isOpen(chat)) return null
  if (isSnoozed(chat, now)) return 'snoozed'
  if (chat.state === 'waiting') return 'waiting'
  if (chat.state === 'missed' || chat.state === 'callback') return 'missed'
  return 'active'
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

/** True when `me` has the chat: its assignee, or invited to it (a DeskDirector push chat). */
export function isMine(chat: Pick<Chat, 'assignee' | 'invited'>, me: string | null): boolean {
  return me !== null && (chat.assignee?.id === me || (chat.invited ?? []).includes(me))
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

/** Chats per group, longest waiting first. */
export function groupChats(
  chats: Iterable<Chat>,
  filters: Filters,
  me: string | null,
  now: number,
  options: MatchOptions = {},
): Record<GroupId, Chat[]> {
  const groups: Record<GroupId, Chat[]> = { waiting: [], missed: [], active: [], snoozed: [] }
  const q = fold(filters.search.trim())
  for (const chat of chats) {
    const group = groupOf(chat, now)
    if (group && matchesFolded(chat, filters, q, me, options)) groups[group].push(chat)
  }
  const since = (c: Chat) => c.lastMessageAt ?? c.createdAt ?? c.updatedAt
  for (const list of Object.values(groups)) list.sort((a, b) => since(a) - since(b) || a.key.localeCompare(b.key))
  return groups
}

/** Number of open chats (what the panel would list with no filters). */
export function countOpen(chats: Iterable<Chat>): number {
  let n = 0
  for (const chat of chats) if (isOpen(chat)) n++
  return n
}

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
}

/** True when `chat` passes the filters (`me` is the configured agent id). */
export function matches(chat: Chat, filters: Filters, me: string | null, options: MatchOptions = {}): boolean {
  if (filters.source !== 'all' && chat.source !== filters.source) return false
  if (filters.scope === 'unassigned' && chat.assignee) return false
  if (filters.scope === 'mine' && (!me || chat.assignee?.id !== me)) return false
  if (filters.unreadOnly && !chat.unread) return false
  const q = fold(filters.search.trim())
  if (!q) return true
  const fields = [chat.title, chat.customer.name, chat.customer.email, chat.customer.company, chat.assignee?.name]
  if (!options.privacy) fields.push(chat.lastMessageText)
  return fields.some((text) => !!text && fold(text).includes(q))
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
  for (const chat of chats) {
    const group = groupOf(chat, now)
    if (group && matches(chat, filters, me, options)) groups[group].push(chat)
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

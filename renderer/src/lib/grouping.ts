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
}

/** The group of an open chat, or null when closed (not shown). */
export function groupOf(chat: Chat, now: number): GroupId | null {
  if (!isOpen(chat)) return null
  if (isSnoozed(chat, now)) return 'snoozed'
  if (chat.state === 'waiting') return 'waiting'
  if (chat.state === 'missed' || chat.state === 'callback') return 'missed'
  return 'active'
}

/** True when `chat` passes the filters (`me` is the configured agent id). */
export function matches(chat: Chat, filters: Filters, me: string | null): boolean {
  if (filters.source !== 'all' && chat.source !== filters.source) return false
  if (filters.scope === 'unassigned' && chat.assignee) return false
  if (filters.scope === 'mine' && (!me || chat.assignee?.id !== me)) return false
  const q = filters.search.trim().toLowerCase()
  if (!q) return true
  return [chat.title, chat.customer.name, chat.customer.email, chat.customer.company, chat.assignee?.name]
    .filter(Boolean)
    .some((text) => (text as string).toLowerCase().includes(q))
}

/** Chats per group, longest waiting first. */
export function groupChats(
  chats: Iterable<Chat>,
  filters: Filters,
  me: string | null,
  now: number,
): Record<GroupId, Chat[]> {
  const groups: Record<GroupId, Chat[]> = { waiting: [], missed: [], active: [], snoozed: [] }
  for (const chat of chats) {
    const group = groupOf(chat, now)
    if (group && matches(chat, filters, me)) groups[group].push(chat)
  }
  const since = (c: Chat) => c.lastMessageAt ?? c.createdAt ?? c.updatedAt
  for (const list of Object.values(groups)) list.sort((a, b) => since(a) - since(b) || a.key.localeCompare(b.key))
  return groups
}

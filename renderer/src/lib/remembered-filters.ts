/**
 * Which filters survive the panel closing, and the rule that keeps them from hiding a customer: source, scope
 * and "unread only" are remembered with the moment they were set; search text is not (a search is for now).
 * When the panel opens, a customer who started waiting after that moment and whom the remembered filters hide
 * resets them (`filtersHideNewcomer`); meanwhile the list says what any filter hides. Kept in the renderer's
 * localStorage (a view preference, not configuration); a damaged or foreign value falls back to no filters.
 */
import { z } from 'zod'
import type { Chat } from '../../../shared/chat'
import { needsAttention } from '../../../shared/chat'
import { type Filters, NO_FILTERS } from './grouping'

const KEY = 'chat-tray.filters'

const stored = z.object({
  source: z.string().max(40),
  scope: z.enum(['all', 'unassigned', 'mine']),
  unreadOnly: z.boolean().optional(),
  /** Epoch ms when they were set. */
  at: z.number().nonnegative().optional(),
})

/** The remembered filters (no search) and when they were set (0 = unknown). */
export function loadFilters(): { filters: Filters; at: number } {
  try {
    const raw = globalThis.localStorage?.getItem(KEY)
    if (!raw) return { filters: { ...NO_FILTERS }, at: 0 }
    const parsed = stored.safeParse(JSON.parse(raw))
    if (!parsed.success) return { filters: { ...NO_FILTERS }, at: 0 }
    const { at = 0, ...kept } = parsed.data
    return { filters: { ...NO_FILTERS, ...kept }, at }
  } catch {
    return { filters: { ...NO_FILTERS }, at: 0 }
  }
}

/** Remembers `filters` as set at `at`, without the search text (storage failures only lose the memory). */
export function saveFilters(filters: Filters, at: number): void {
  try {
    const { search: _notKept, ...kept } = filters
    globalThis.localStorage?.setItem(KEY, JSON.stringify({ ...kept, at }))
  } catch {
    // Storage full or disabled: nothing to remember, nothing broken.
  }
}

/** True when `chat` needs someone and started waiting after `since` (a newcomer the remembered filters must not hide). */
export function arrivedAfter(chat: Chat, since: number): boolean {
  return needsAttention(chat) && (chat.createdAt ?? chat.updatedAt) > since
}

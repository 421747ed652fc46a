/**
 * The list filters survive a restart of the panel: kept in the renderer's localStorage (they are a view
 * preference, not configuration). A damaged or foreign value falls back to no filters.
 */
import { z } from 'zod'
import { type Filters, NO_FILTERS } from './grouping'

const KEY = 'chat-tray.filters'

const stored = z.object({
  source: z.string().max(40),
  scope: z.enum(['all', 'unassigned', 'mine']),
  search: z.string().max(200),
  unreadOnly: z.boolean().optional(),
})

/** The remembered filters, or none. */
export function loadFilters(): Filters {
  try {
    const raw = globalThis.localStorage?.getItem(KEY)
    if (!raw) return { ...NO_FILTERS }
    const parsed = stored.safeParse(JSON.parse(raw))
    return parsed.success ? { ...NO_FILTERS, ...parsed.data } : { ...NO_FILTERS }
  } catch {
    return { ...NO_FILTERS }
  }
}

/** Remembers `filters` (storage failures are ignored: the filters still apply to this session). */
export function saveFilters(filters: Filters): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(filters))
  } catch {
    // Storage full or disabled: nothing to remember, nothing broken.
  }
}

/** Forgets the remembered filters (tests). */
export function forgetFilters(): void {
  try {
    globalThis.localStorage?.removeItem(KEY)
  } catch {
    // ignore
  }
}

/**
 * Keeps the store's local overlays (local snoozes, read marks) in the state directory so snoozes survive a
 * restart. Restores them into the store before any chat arrives, then rewrites the file whenever a chat's
 * overlay changes. Overlays of chats not seen again are forgotten after the retention period.
 */
import type { EventBus } from '../event-bus'
import type { ChatStore, LocalOverlay } from '../store'
import type { Cell } from './cell'
import type { SavedOverlay } from './state-dir'

/** Restores saved overlays into `store` and saves every later change; returns the unsubscribe function. */
export function syncOverlays(
  bus: EventBus,
  store: ChatStore,
  cell: Cell<SavedOverlay[]>,
  now: () => number,
  retentionMs: number,
): () => void {
  const saved = new Map<string, { overlay: LocalOverlay; savedAt: number; text: string }>()
  for (const [key, overlay, savedAt] of cell.get()) {
    if (savedAt >= now() - retentionMs) saved.set(key, { overlay, savedAt, text: JSON.stringify(overlay) })
  }
  store.restoreOverlays([...saved].map(([key, entry]) => [key, entry.overlay]))
  const save = () => cell.set([...saved].map(([key, e]) => [key, e.overlay, e.savedAt]))
  if (saved.size !== cell.get().length) save()

  return bus.on(['chat.added', 'chat.changed', 'chat.removed'], (event) => {
    const key = event.type === 'chat.removed' ? event.key : event.chat.key
    const overlay = store.overlay(key)
    const before = saved.get(key)
    if (!overlay) {
      if (before && (event.type === 'chat.removed' || store.get(key))) {
        saved.delete(key)
        save()
      }
      return
    }
    const text = JSON.stringify(overlay)
    if (before?.text === text) return
    saved.set(key, { overlay: { ...overlay }, savedAt: now(), text })
    save()
  })
}

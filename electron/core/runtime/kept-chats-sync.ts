/**
 * Keeps the kept chats in step with the store: the chats of webhook-only sources (`keepChats(source)`), kept in
 * the state directory (`KeptChats`, `kept-chats.ndjson`). Such a source never re-sends a chat, so every version
 * is written before its delivery is answered, and restored at start before the listener accepts more.
 */
import type { SourceId } from '../../../shared/chat'
import type { Engine } from '../engine/engine'
import type { StateStores } from '../engine/persistence/state-dir'

/** The sources whose chats are kept, and the restore step of start-up. */
export interface KeptChatsSync {
  add(source: SourceId): void
  /** Ingests every kept chat of every kept source (call before the listener binds). */
  restore(): void
}

/** Follows the store's changes and keeps the chats of the sources added. */
export function syncKeptChats(engine: Engine, state: StateStores): KeptChatsSync {
  const kept = new Set<SourceId>()
  engine.bus.on(['chat.added', 'chat.changed', 'chat.removed'], (event) => {
    if (event.type === 'chat.removed') {
      // A chat pruned from memory stays kept (closed ones for a day), so a stale copy cannot revive it after a restart.
      if (event.reason !== 'pruned' && kept.has(event.previous.source)) state.keptChats.drop(event.key)
      return
    }
    if (!kept.has(event.chat.source)) return
    const version = engine.store.sourceVersion(event.chat.key)
    if (version) state.keptChats.note(version)
  })
  return {
    add: (source) => void kept.add(source),
    restore() {
      for (const source of kept) {
        const chats = state.keptChats.of(source)
        if (chats.length > 0) engine.contextFor(source).ingest(chats)
      }
    },
  }
}

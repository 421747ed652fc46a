/** The renderer's read-only mirror of main's state, kept current by protocol events. */
import { create } from 'zustand'
import type { Chat } from '../../shared/chat'
import type { ProtocolEvent, Snapshot } from '../../shared/protocol'

/** Panel state. */
export interface PanelState {
  chats: Record<string, Chat>
  loaded: boolean
  loadSnapshot(snapshot: Snapshot): void
  applyEvent(event: ProtocolEvent): void
}

/** The panel store. */
export const usePanelStore = create<PanelState>((set) => ({
  chats: {},
  loaded: false,
  loadSnapshot: (snapshot) => set({ chats: Object.fromEntries(snapshot.chats.map((c) => [c.key, c])), loaded: true }),
  applyEvent: (event) =>
    set((state) => {
      switch (event.type) {
        case 'chat.added':
        case 'chat.changed':
          return { chats: { ...state.chats, [event.chat.key]: event.chat } }
        case 'chat.removed': {
          const { [event.key]: _gone, ...rest } = state.chats
          return { chats: rest }
        }
        default:
          return state
      }
    }),
}))

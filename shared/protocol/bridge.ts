/**
 * The renderer ↔ main bridge contract (Electron IPC). Two channels only: commands go to main through
 * `invoke`, events come back through one event channel. The preload exposes exactly `ChatTrayBridge`.
 */
import type { CommandName, CommandOutcome, CommandParams } from './commands'
import type { ProtocolEvent } from './events'

/** IPC channel names. */
export const IPC_CHANNELS = {
  command: 'chat-tray:command',
  event: 'chat-tray:event',
} as const

/** The API the preload exposes as `window.chatTray`. */
export interface ChatTrayBridge {
  /** Sends one command to main; never rejects (failures come back as `ok: false`). */
  command<K extends CommandName>(name: K, params: CommandParams<K>): Promise<CommandOutcome<K>>
  /** Subscribes to events from main; returns the unsubscribe function. */
  onEvent(listener: (event: ProtocolEvent) => void): () => void
  /** The platform, for small UI differences (e.g. shortcut hints). */
  platform: string
}

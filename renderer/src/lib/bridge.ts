/** Thin typed access to `window.chatTray`, so components never touch the global directly. */
import type { CommandName, CommandOutcome, CommandParams, ProtocolEvent } from '../../../shared/protocol'

/** Sends one command to main; a missing bridge or a thrown error becomes a typed failure. */
export async function command<K extends CommandName>(name: K, params: CommandParams<K>): Promise<CommandOutcome<K>> {
  try {
    return await window.chatTray.command(name, params)
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `bridge failed: ${(error as Error).message}` } }
  }
}

/** Subscribes to main's events. */
export function onEvent(listener: (event: ProtocolEvent) => void): () => void {
  return window.chatTray.onEvent(listener)
}

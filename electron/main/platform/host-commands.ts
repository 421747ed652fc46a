/**
 * Commands only the desktop shell can answer (the runtime answers `unsupported` for them): the panel's pin
 * and the global shortcut the OS actually registered. Checked here, before the dispatcher sees them.
 */
import { commandSchemas } from '../../../shared/protocol'
import type { DispatchOutcome } from '../../core/engine/dispatcher'

/** What the shell knows. */
export interface HostState {
  isPinned(): boolean
  setPinned(pinned: boolean): void
  /** The shortcut settings ask for. */
  requestedShortcut(): string | null
  /** The shortcut registered with the OS (the previous one stays when a new one is refused). */
  activeShortcut(): string | null
}

/** Answers `panel.pin` and `shortcut.status`; null for every other command (the dispatcher's). */
export function answerHostCommand(name: string, params: unknown, host: HostState): DispatchOutcome | null {
  if (name === 'panel.pin') {
    const parsed = commandSchemas['panel.pin'].safeParse(params)
    if (!parsed.success)
      return { ok: false, error: { code: 'invalid_params', message: 'panel.pin: "pinned" must be a boolean' } }
    if (parsed.data.pinned !== undefined) host.setPinned(parsed.data.pinned)
    return { ok: true, result: { pinned: host.isPinned() } }
  }
  if (name === 'shortcut.status')
    return { ok: true, result: { requested: host.requestedShortcut(), active: host.activeShortcut() } }
  return null
}

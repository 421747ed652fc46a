/**
 * The NDJSON side of the protocol: events out as one JSON object per line, commands in as one JSON
 * object per line (`{"id": "...", "command": "...", ...params}`). Any bad line is answered, never fatal.
 */

import type { ProtocolEvent } from '../../shared/protocol'
import type { Dispatcher } from '../main/engine/dispatcher'

const MAX_LINE = 1024 * 1024

/** Serialises one event as a line. */
export function encodeEvent(event: ProtocolEvent): string {
  return `${JSON.stringify(event)}\n`
}

/** Parses one command line and runs it; returns the `command.result` event to write. Never throws. */
export async function handleCommandLine(line: string, dispatcher: Dispatcher): Promise<ProtocolEvent | null> {
  const text = line.trim()
  if (text === '') return null
  if (text.length > MAX_LINE) return badCommand(null, 'command line longer than 1 MiB')
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return badCommand(null, 'not valid JSON')
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return badCommand(null, 'a command must be a JSON object')
  }
  const { id: rawId, command, ...params } = message as Record<string, unknown>
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null
  if (typeof command !== 'string') return badCommand(id, 'missing "command"')
  const outcome = await dispatcher.dispatch(command, params)
  return outcome.ok
    ? { type: 'command.result', id, ok: true, result: outcome.result }
    : { type: 'command.result', id, ok: false, error: outcome.error }
}

function badCommand(id: string | null, message: string): ProtocolEvent {
  return { type: 'command.result', id, ok: false, error: { code: 'bad_command', message } }
}

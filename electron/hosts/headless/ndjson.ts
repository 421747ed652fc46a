/**
 * The NDJSON side of the protocol: events out as one JSON object per line, commands in as one JSON
 * object per line (`{"id": "...", "command": "...", ...params}`). Any bad line is answered, never fatal.
 */
import type { Readable } from 'node:stream'
import type { ProtocolEvent } from '../../../shared/protocol'
import type { Dispatcher } from '../../core/engine/dispatcher'

/** Longest command line (characters); a longer one is answered `bad_command` and skipped up to its newline. */
export const MAX_LINE = 1024 * 1024

/** What the line reader hands over for a line longer than `MAX_LINE` (its text is never held). */
export const OVERLONG_LINE = Symbol('overlong line')

/**
 * Splits `input` into lines without ever holding more than `maxLine` characters of one: a line that grows past it
 * (e.g. `< /dev/zero`) is reported once as `OVERLONG_LINE` and dropped up to its newline, and reading goes on.
 * Returns a function that stops reading.
 */
export function readCommandLines(
  input: Readable,
  onLine: (line: string | typeof OVERLONG_LINE) => void,
  maxLine = MAX_LINE,
): () => void {
  let pending = ''
  let discarding = false
  const onData = (chunk: string) => {
    let start = 0
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      const part = chunk.slice(start, newline)
      start = newline + 1
      if (discarding) discarding = false
      else if (pending.length + part.length > maxLine) onLine(OVERLONG_LINE)
      else onLine(pending + part)
      pending = ''
    }
    if (discarding) return
    const rest = chunk.slice(start)
    if (pending.length + rest.length > maxLine) {
      pending = ''
      discarding = true
      onLine(OVERLONG_LINE)
    } else pending += rest
  }
  const onEnd = () => {
    if (!discarding && pending !== '') onLine(pending)
    pending = ''
  }
  input.setEncoding('utf8')
  input.on('data', onData)
  input.on('end', onEnd)
  return () => {
    input.off('data', onData)
    input.off('end', onEnd)
    input.pause()
  }
}

/** Serialises one event as a line. */
export function encodeEvent(event: ProtocolEvent): string {
  return `${JSON.stringify(event)}\n`
}

/** Parses one command line and runs it; returns the `command.result` event to write. Never throws. */
export async function handleCommandLine(
  line: string | typeof OVERLONG_LINE,
  dispatcher: Dispatcher,
): Promise<ProtocolEvent | null> {
  if (line === OVERLONG_LINE || line.length > MAX_LINE) return badCommand(null, 'command line longer than 1 MiB')
  const text = line.trim()
  if (text === '') return null
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
  const outcome = await dispatcher.runUntrusted(command, params)
  return outcome.ok
    ? { type: 'command.result', id, ok: true, result: outcome.result }
    : { type: 'command.result', id, ok: false, error: outcome.error }
}

function badCommand(id: string | null, message: string): ProtocolEvent {
  return { type: 'command.result', id, ok: false, error: { code: 'bad_command', message } }
}

/** The logging seam of the engine: hosts pass a sink (stderr headless, electron-log in the app). */

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** A structured logger. `fields` must never contain secrets; `redact()` helps where input is untrusted. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** A logger writing one line per entry (`level message {json}`) to `write`, dropping entries below `minLevel`. */
export function lineLogger(write: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const at = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minLevel]) return
    const suffix = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : ''
    write(`${new Date().toISOString()} ${level} ${message}${suffix}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/**
 * A logger writing one JSON object per line (`{"time","level","msg",...fields}`) to `write`, for log collectors
 * (the hub's `CHAT_TRAY_LOG_FORMAT=json`). A field named like one of the three is overwritten by it.
 */
export function jsonLogger(write: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const at = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minLevel]) return
    write(`${safeJson({ ...fields, time: new Date().toISOString(), level, msg: message })}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** Replaces every occurrence of each secret in `text` with `[redacted]` (for messages built from foreign errors). */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]')
  return out
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (v instanceof Error ? v.message : v))
  } catch {
    return '"[unserialisable]"'
  }
}

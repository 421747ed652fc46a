/** The engine Logger backed by electron-log: a rotating file in the app's logs folder. */
import { dirname } from 'node:path'
import log from 'electron-log/main'
import type { Logger } from '../../core/engine/log'

/** Largest log file before it rotates (electron-log keeps one `.old` copy). */
const MAX_LOG_BYTES = 5 * 1024 * 1024

/** Sets up file logging; returns the logger and the folder the tray's "Open log folder" opens. */
export function createFileLogger(): { log: Logger; folder: string } {
  log.transports.file.maxSize = MAX_LOG_BYTES
  log.transports.file.level = 'info'
  log.transports.console.level = process.env.NODE_ENV === 'development' ? 'debug' : false
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) =>
    fields ? log[level](message, fields) : log[level](message)
  return {
    log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    folder: dirname(log.transports.file.getFile().path),
  }
}

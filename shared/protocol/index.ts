/** The typed protocol between hosts (Electron IPC, headless NDJSON) and the engine. */

export * from './bridge'
export * from './commands'
export * from './desktop'
export * from './diagnostics'
export * from './errors'
export * from './events'
export * from './source-status'
export * from './team'

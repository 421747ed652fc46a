/**
 * Puts the supervisor board on a hub (docs/hub.md, "The supervisor board"): its built page from disk, its routes
 * on the listener, the breaches it counts all day, and the sweep that ends expired sessions' streams.
 */
import { DEFAULT_FIRST_RESPONSE_SECONDS } from '../../../shared/settings'
import type { Runtime } from '../../core/runtime/runtime'
import type { Caller } from './auth'
import type { AuthThrottle } from './auth-throttle'
import { isLead, registerBoard } from './board'
import { trackBreaches } from './board-breaches'
import { findBoardDir, loadBoardFiles } from './board-files'
import type { BoardSessions } from './board-sessions'
import type { StreamHub } from './streams'
import type { TokenTable } from './tokens'

/** What the board shares with the rest of the hub. */
export interface BoardParts {
  sessions: BoardSessions
  tokens: TokenTable
  throttle: AuthThrottle
  streams: StreamHub
  /** Whether an open stream's caller may keep it (a removed token, an ended session). */
  stillValid: (caller: Caller) => boolean
  /** The built board's folder; undefined = look beside the hub's bundle, null = none. */
  boardDir?: string | null
}

/** Attaches the board; returns its `/health` part and what stops it. */
export function attachBoard(runtime: Runtime, parts: BoardParts): { health(): unknown; close(): void } {
  const { engine } = runtime
  const { sessions, streams } = parts
  const boardDir = parts.boardDir === undefined ? findBoardDir() : parts.boardDir
  const targets = () => runtime.options.settings.get().alerts.firstResponseSeconds
  const breaches = trackBreaches({
    chats: () => engine.store.all(),
    targetMs: (source) => (targets()[source] ?? DEFAULT_FIRST_RESPONSE_SECONDS) * 1000,
    now: engine.now,
  })
  // Each change, and the version it replaced: a chat answered between two checks still counts.
  const unsubscribe = engine.bus.subscribe((event) => {
    if (event.type === 'chat.changed') breaches.note(event.previous)
    if (event.type === 'chat.added' || event.type === 'chat.changed') breaches.note(event.chat)
  })
  registerBoard(runtime.listener, {
    files: boardDir ? loadBoardFiles(boardDir) : { page: null, assets: new Map() },
    sessions,
    tokens: parts.tokens,
    throttle: parts.throttle,
    isLead,
    targets,
    breachesToday: breaches.today,
    openStream: streams.open,
    now: engine.now,
  })
  // Expired sessions end their board streams within a minute, like a removed token's.
  const sweep = setInterval(() => {
    sessions.sweep()
    streams.revalidate(parts.stillValid)
  }, 60_000)
  sweep.unref()
  return {
    health: () => ({ sessions: sessions.count(), built: boardDir !== null }),
    close() {
      clearInterval(sweep)
      breaches.close()
      unsubscribe()
    },
  }
}

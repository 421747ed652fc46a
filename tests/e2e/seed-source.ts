/**
 * A stand-in source for scenarios that need chats before the real HelpCrunch/DeskDirector sources exist
 * in this branch: it ingests the SEED documents through the real transforms and the real engine context.
 */

import type { SourceAdapter } from '../../electron/main/engine/adapters'
import type { Runtime } from '../../electron/main/runtime/runtime'
import type { Chat } from '../../shared/chat'
import { deskDirectorToChat } from '../../shared/transforms/deskdirector'
import { deskDirectorSeed } from '../helpers/seeds'

/** Registers a `deskdirector` adapter (unless one exists) and ingests the seed session; returns the chat. */
export function ingestDeskDirectorSeed(runtime: Runtime, overrides: Record<string, unknown> = {}): Chat {
  const { engine } = runtime
  if (!engine.adapters.get('deskdirector')) {
    const adapter: SourceAdapter = {
      id: 'deskdirector',
      label: 'DeskDirector',
      capabilities: { serverSnooze: false, assign: false, setStatus: false, markRead: false },
      start: async () => {},
      stop: async () => {},
      status: () => ({ source: 'deskdirector', state: 'ok', message: null, warnings: [], lastOkAt: null, at: 0 }),
    }
    engine.adapters.register(adapter)
  }
  const now = new Date().toISOString()
  // The seed session is a completed one; reopen it as a fresh, unassigned request.
  const raw = {
    ...deskDirectorSeed()[0],
    status: 'created',
    closeRecord: null,
    closedDateTime: null,
    users: [],
    createdDateTime: new Date(Date.now() - 150_000).toISOString(),
    lastModifiedDateTime: now,
    ...overrides,
  }
  const result = deskDirectorToChat(raw)
  if (!result.ok) throw new Error(result.error)
  engine.contextFor('deskdirector').ingest([result.chat])
  return result.chat
}

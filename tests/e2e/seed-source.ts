/**
 * A stand-in source for panel scenarios that need a chat without going through a webhook or a poll:
 * it ingests the SEED documents through the real transforms and the real engine context.
 */

import type { Runtime } from '../../electron/core/runtime/runtime'
import { deskDirectorToChat } from '../../electron/core/sources/deskdirector/transform'
import type { Chat } from '../../shared/chat'
import { fakeAdapter, NO_CAPABILITIES } from '../helpers/adapters'
import { deskDirectorSeed } from '../helpers/seeds'

/** Registers a `deskdirector` adapter (unless one exists) and ingests the seed session; returns the chat. */
export function ingestDeskDirectorSeed(runtime: Runtime, overrides: Record<string, unknown> = {}): Chat {
  const { engine } = runtime
  if (!engine.adapters.get('deskdirector')) {
    engine.adapters.register(fakeAdapter('deskdirector', { label: 'DeskDirector', capabilities: NO_CAPABILITIES }))
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

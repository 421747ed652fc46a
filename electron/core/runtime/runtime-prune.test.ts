import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChatChange } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../engine/log'
import { memorySecrets, memorySettings } from './ports'
import { CLOSED_CHAT_RETENTION_MS, createRuntime } from './runtime'

const T0 = Date.parse('2026-01-05T10:00:00Z')
let dir: string
beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-prune-'))
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

describe('closed chats leave memory', () => {
  it('are pruned an hour after closing, open chats stay, and a kept DeskDirector chat survives the prune on disk', async () => {
    const settings = defaultSettings()
    settings.listener.port = 0
    const options = {
      settings: memorySettings(settings),
      secrets: memorySecrets(),
      log: silentLogger,
      version: 't',
      stateDir: dir,
      demo: false,
    }
    const runtime = createRuntime(options)
    runtime.keepChats('deskdirector')
    await runtime.start()
    const removed: ChatChange[] = []
    runtime.engine.bus.on(['chat.removed'], (e) => removed.push(e))
    const context = runtime.engine.contextFor('deskdirector')
    context.ingest([
      makeChat({ sourceId: 'closed', state: 'closed', rawStatus: 'completed', updatedAt: T0 }),
      makeChat({ sourceId: 'open', updatedAt: T0 }),
    ])

    await vi.advanceTimersByTimeAsync(CLOSED_CHAT_RETENTION_MS / 2)
    expect(runtime.engine.store.size).toBe(2)
    await vi.advanceTimersByTimeAsync(CLOSED_CHAT_RETENTION_MS)
    expect(removed.map((e) => [e.type === 'chat.removed' && e.key, e.type === 'chat.removed' && e.reason])).toEqual([
      ['deskdirector:closed', 'pruned'],
    ])
    expect(runtime.engine.store.all().map((c) => c.sourceId)).toEqual(['open'])
    // A stale copy of the pruned chat is still refused (tombstone) …
    expect(context.ingest([makeChat({ sourceId: 'closed', updatedAt: T0 - 1 })])).toBe(0)
    await runtime.stop()

    // … and after a restart too: the closed chat was kept on disk, so its stale copy changes nothing.
    const again = createRuntime(options)
    again.keepChats('deskdirector')
    await again.start()
    expect(again.engine.contextFor('deskdirector').ingest([makeChat({ sourceId: 'closed', updatedAt: T0 - 1 })])).toBe(
      0,
    )
    await again.stop()
  })
})

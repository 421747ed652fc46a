import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../engine/log'
import { memorySecrets, memorySettings } from './ports'
import { createRuntime } from './runtime'

const T0 = new Date(2026, 0, 5, 10, 0).getTime()
let dir: string
beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-runtime-'))
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

function build() {
  const settings = defaultSettings()
  settings.listener.port = 0
  settings.alerts.batchWindowMs = 0
  return createRuntime({
    settings: memorySettings(settings),
    secrets: memorySecrets(),
    log: silentLogger,
    version: 'test',
    now: () => Date.now(),
    stateDir: dir,
    demo: false,
  })
}

describe('runtime alert commands', () => {
  it('alerts.list / alerts.seen / snapshot.get carry the feed; dnd.set validates, holds and persists', async () => {
    const runtime = build()
    await runtime.start()
    await new Promise((resolve) => setImmediate(resolve)) // alerting starts the turn after `ready`
    const { dispatcher, store } = runtime.engine
    store.apply(makeChat({ sourceId: 'a', createdAt: T0, updatedAt: T0 }))
    const listed = await dispatcher.runUntrusted('alerts.list', {})
    expect(listed).toMatchObject({ ok: true, result: { unseen: 1, alerts: [{ kind: 'new' }] } })
    expect(await dispatcher.runUntrusted('snapshot.get', {})).toMatchObject({
      ok: true,
      result: { alerts: [{ kind: 'new' }], dndUntil: null },
    })
    expect(await dispatcher.runUntrusted('alerts.seen', {})).toEqual({ ok: true, result: { unseen: 0 } })

    expect(await dispatcher.runUntrusted('dnd.set', { until: T0 - 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    })
    expect(await dispatcher.runUntrusted('dnd.set', { until: T0 + 60_000 })).toEqual({
      ok: true,
      result: { until: T0 + 60_000 },
    })
    expect(await dispatcher.runUntrusted('snapshot.get', {})).toMatchObject({ result: { dndUntil: T0 + 60_000 } })
    runtime.state.forSource('helpcrunch').highWaterMark.set(1234)
    await runtime.stop()

    const again = build()
    expect(again.alerts.dndUntil()).toBe(T0 + 60_000)
    expect(again.state.forSource('helpcrunch').highWaterMark.get()).toBe(1234)
    expect(again.engine.dispatcher.missing()).toEqual([])
  })

  it('next-shift snoozes use the shift schedule', async () => {
    const settings = defaultSettings()
    settings.listener.port = 0
    settings.alerts.shifts = [{ day: 1, start: '13:30', end: '17:00' }]
    const runtime = createRuntime({
      settings: memorySettings(settings),
      secrets: memorySecrets(),
      log: silentLogger,
      version: 'test',
      now: () => Date.now(),
      stateDir: null,
      demo: false,
    })
    runtime.engine.store.apply(makeChat({ sourceId: 'a' }))
    const outcome = await runtime.engine.dispatcher.runUntrusted('chat.snooze', {
      key: 'deskdirector:a',
      preset: 'next-shift',
    })
    expect(outcome).toMatchObject({
      ok: true,
      result: { chat: { snoozedUntil: new Date(2026, 0, 5, 13, 30).getTime() } },
    })
  })
})

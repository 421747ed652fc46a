import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../../../shared/alert'
import { defaultSettings } from '../../../../shared/settings'
import { ddSession, ddSignature, send } from '../../../../tests/helpers/webhooks'
import { silentLogger } from '../../engine/log'
import { memorySecrets, memorySettings } from '../../runtime/ports'
import { createRuntime, type Runtime } from '../../runtime/runtime'
import { registerSources } from '../registry'

const SECRET = 'kept-chats-secret-0123456789'
let dir: string | undefined
const running: Runtime[] = []
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.listener.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Starts a runtime on the state directory; `alerts` collects what it raises. */
async function boot(stateDir: string) {
  const settings = defaultSettings()
  settings.listener.port = 0
  settings.alerts.batchWindowMs = 0
  const runtime = createRuntime({
    settings: memorySettings(settings),
    secrets: memorySecrets({ 'deskdirector.secrets': SECRET }),
    log: silentLogger,
    version: 'test',
    stateDir,
    demo: false,
  })
  registerSources(runtime)
  const alerts: Alert[] = []
  runtime.engine.bus.on(['alert'], (e) => alerts.push(e.alert))
  running.push(runtime)
  const { listen } = await runtime.start()
  await new Promise((resolve) => setImmediate(resolve)) // the start-up window ends on the next turn
  return { runtime, alerts, listen }
}

describe('DeskDirector chats across a crash', () => {
  it('are restored from the state directory before deliveries are accepted, without alerting again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-dd-kept-'))
    const first = await boot(dir)
    const now = new Date().toISOString() // fresh, so no still-waiting reminder is due
    const body = JSON.stringify([
      ddSession({ id: 'waiting-1', createdDateTime: now, lastModifiedDateTime: now }),
      ddSession({ id: 'done-2', status: 'completed', createdDateTime: now, lastModifiedDateTime: now }),
    ])
    const answer = await send(first.listen, {
      path: '/webhooks/deskdirector',
      body,
      headers: { 'x-dd-signature': ddSignature(body, SECRET) },
    })
    expect(answer.status).toBe(200)
    expect(first.alerts.map((a) => [a.kind, a.chatKeys])).toEqual([['new', ['deskdirector:waiting-1']]])
    // A crash: the listener goes away, nothing is stopped or flushed. DeskDirector will not send again.
    await first.runtime.listener.stop()
    first.runtime.alerts.stop() // its timers only; the state directory is not flushed

    const second = await boot(dir)
    expect(second.runtime.engine.store.all().map((c) => [c.key, c.state])).toEqual([
      ['deskdirector:waiting-1', 'waiting'],
      ['deskdirector:done-2', 'closed'],
    ])
    expect(second.alerts).toEqual([])
    await second.runtime.stop()
  })

  it('a stale copy delivered after the restart does not bring a completed chat back as waiting', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-dd-kept-'))
    const first = await boot(dir)
    const created = new Date(Date.now() - 60_000).toISOString()
    const completed = new Date().toISOString()
    const stale = JSON.stringify([ddSession({ id: 'c-1', createdDateTime: created, lastModifiedDateTime: created })])
    const done = JSON.stringify([
      ddSession({ id: 'c-1', status: 'completed', createdDateTime: created, lastModifiedDateTime: completed }),
    ])
    const deliver = (listen: string, body: string) =>
      send(listen, { path: '/webhooks/deskdirector', body, headers: { 'x-dd-signature': ddSignature(body, SECRET) } })
    expect((await deliver(first.listen, done)).status).toBe(200)
    await first.runtime.listener.stop()
    first.runtime.alerts.stop()

    const second = await boot(dir)
    // DeskDirector retries the older version (its first try never got an answer before the crash).
    expect(await deliver(second.listen, stale)).toMatchObject({ status: 200, json: { applied: 0, duplicates: 1 } })
    expect(second.runtime.engine.store.all().map((c) => [c.key, c.state])).toEqual([['deskdirector:c-1', 'closed']])
    expect(second.alerts).toEqual([])
    await second.runtime.stop()
  })

  it('a chat answered 200 with very long text survives the restart (truncated) and can be snoozed; an over-long id is refused at the door', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-dd-kept-'))
    const first = await boot(dir)
    const now = new Date().toISOString()
    const longName = 'N'.repeat(20_000)
    const body = JSON.stringify([
      ddSession({
        id: 'long-1',
        name: longName,
        creator: { name: longName },
        createdDateTime: now,
        lastModifiedDateTime: now,
      }),
      ddSession({ id: 'x'.repeat(350), createdDateTime: now, lastModifiedDateTime: now }),
    ])
    const answer = await send(first.listen, {
      path: '/webhooks/deskdirector',
      body,
      headers: { 'x-dd-signature': ddSignature(body, SECRET) },
    })
    expect(answer).toMatchObject({
      status: 200,
      json: { applied: 1, invalid: [{ index: 1, reason: expect.stringMatching(/"id": longer than 200/) }] },
    })
    await first.runtime.listener.stop()
    first.runtime.alerts.stop()

    const second = await boot(dir)
    const kept = second.runtime.engine.store.all()
    expect(kept.map((c) => c.key)).toEqual(['deskdirector:long-1'])
    expect(kept[0]?.customer.name).toHaveLength(10_000)
    const snoozed = await second.runtime.engine.dispatcher.runUntrusted('chat.snooze', {
      key: 'deskdirector:long-1',
      until: Date.now() + 60_000,
    })
    expect(snoozed.ok).toBe(true)
    await second.runtime.stop()
  })
})

/**
 * The Electron app's composition (index.ts) without Electron: a supervisor over `buildRuntimeOf` with the
 * app's `realRuntimeShape`, against a tiny in-test hub that serves one snapshot over Server-Sent Events.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ProtocolEvent } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'
import { makeChat } from '../../../tests/helpers/chats'
import { startTinyHub } from '../../../tests/helpers/tiny-hub'
import { buildRuntimeOf, realRuntimeShape } from '../../hosts/compose'
import { silentLogger } from '../engine/log'
import { memorySecrets, memorySettings } from './ports'
import { createRuntimeSupervisor, type RuntimeSupervisor } from './supervisor'

const TOKEN = 'tok-mia-0123456789abcdef'
const HUB_CHATS = [makeChat({ source: 'helpcrunch', sourceId: '77' }), makeChat({ sourceId: 'dd-1' })]

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function app(hubUrl: string) {
  const base = defaultSettings()
  base.listener.port = 0
  base.hub.url = hubUrl
  const settings = memorySettings(base)
  const secrets = memorySecrets({ 'hub.token': TOKEN })
  const inputs = { settings, secrets, log: silentLogger, version: 't', stateDir: null, demoStateDir: null }
  const supervisor: RuntimeSupervisor = await createRuntimeSupervisor({
    settings,
    log: silentLogger,
    version: 't',
    shape: () => realRuntimeShape(settings, secrets),
    build: (mode) => buildRuntimeOf(mode, inputs),
  })
  cleanups.push(() => supervisor.stop())
  const events: ProtocolEvent[] = []
  supervisor.subscribe((e) => events.push(e))
  await supervisor.start()
  const readies = () => events.filter((e): e is Extract<ProtocolEvent, { type: 'ready' }> => e.type === 'ready')
  return { supervisor, settings, readies }
}

describe('the app follows a team hub from its settings', () => {
  it('follows the hub without a listener, and goes back to the help desks when the token is cleared', async () => {
    const hub = await startTinyHub(TOKEN, HUB_CHATS)
    cleanups.push(hub.close)
    const { supervisor, settings, readies } = await app(hub.url)

    expect(readies()).toHaveLength(1)
    expect(readies()[0]?.listen).toBeNull()
    const adapterIds = () =>
      supervisor
        .current()
        .engine.adapters.all()
        .map((a) => a.identity.id)
    // The proxies come with what the hub sends (here: chats of two sources, no statuses), not from a list.
    await expect.poll(adapterIds, { timeout: 5000 }).toEqual(['hub', 'helpcrunch', 'deskdirector'])
    const keys = () =>
      supervisor
        .current()
        .engine.store.all()
        .map((c) => c.key)
        .sort()
    await expect.poll(keys, { timeout: 5000 }).toEqual(HUB_CHATS.map((c) => c.key).sort())
    expect(hub.requests[0]).toEqual({ path: '/v1/stream', authorization: `Bearer ${TOKEN}` })
    // Health shows the hub connection; the agent the hub names becomes "me".
    await expect
      .poll(
        () =>
          supervisor
            .current()
            .engine.statuses()
            .find((s) => s.source === 'hub')?.state,
        { timeout: 5000 },
      )
      .toBe('ok')
    const meAt = (source: string) =>
      supervisor
        .current()
        .engine.statuses()
        .find((s) => s.source === source)?.me
    // The tiny hub speaks the older wire (helpcrunchAgentId): still read, as me.helpcrunch.
    await expect.poll(() => meAt('helpcrunch'), { timeout: 5000 }).toBe('4188')
    expect(meAt('deskdirector')).toBeNull()
    // Held by the hub client: the desktop's own settings stay as they were for when it stops following.
    expect(settings.get().helpcrunch.agentId).toBeNull()

    const cleared = await supervisor.runUntrusted('secrets.set', { name: 'hub.token', value: null })
    expect(cleared).toMatchObject({ ok: true, result: { name: 'hub.token', configured: false } })
    expect(readies()).toHaveLength(2)
    expect(readies()[1]?.listen).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(adapterIds()).toEqual(expect.arrayContaining(['helpcrunch', 'deskdirector']))
    expect(adapterIds()).not.toContain('hub')
    // The old runtime stopped following: its stream is closed.
    await expect.poll(() => hub.streams.size, { timeout: 5000 }).toBe(0)
    // One stream, never reopened after the stop (the other requests are presence reports, docs/team.md).
    expect(hub.requests.filter((r) => r.path === '/v1/stream')).toHaveLength(1)
  })

  it('follows no hub while the token is missing, and starts following once it is saved', async () => {
    const hub = await startTinyHub(TOKEN, HUB_CHATS)
    cleanups.push(hub.close)
    const { supervisor, readies } = await app(hub.url)
    await supervisor.run('secrets.set', { name: 'hub.token', value: null })
    expect(readies().at(-1)?.listen).toMatch(/^http:/)
    await supervisor.run('secrets.set', { name: 'hub.token', value: TOKEN })
    expect(readies().at(-1)?.listen).toBeNull()
    await expect.poll(() => supervisor.current().engine.store.size, { timeout: 5000 }).toBe(HUB_CHATS.length)
  })
})

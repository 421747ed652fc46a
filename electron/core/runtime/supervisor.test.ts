import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ProtocolEvent } from '../../../shared/protocol'
import { defaultSettings, type Settings } from '../../../shared/settings'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../engine/log'
import type { SettingsPort } from '../engine/ports'
import { memorySecrets, memorySettings } from './ports'
import { createRuntime } from './runtime'
import type { BuiltRuntime } from './start'
import { createRuntimeSupervisor, type RuntimeMode, type RuntimeSupervisor } from './supervisor'

const live: RuntimeSupervisor[] = []
afterEach(async () => {
  for (const s of live.splice(0)) await s.stop()
})

/** Builds runtimes on free ports and records what happened to each. */
function harness(initial: Partial<Settings['app']> = {}, failDemo = false) {
  const base = defaultSettings()
  base.listener.port = 0
  base.app = { ...base.app, ...initial }
  const realSettings: SettingsPort = memorySettings(base)
  const built: { mode: RuntimeMode; started: (string | null)[]; disposed: boolean }[] = []
  const build = async (mode: RuntimeMode): Promise<BuiltRuntime> => {
    if (mode === 'demo' && failDemo) throw new Error('no port for the fake help desk')
    const settings = structuredClone(realSettings.get())
    // The demo's connection settings differ from the real ones and must never reach the real store.
    if (mode === 'demo') settings.helpcrunch.apiUrl = 'http://127.0.0.1:9/v1'
    settings.app.demo = mode === 'demo'
    const runtime = createRuntime({
      settings: memorySettings(settings),
      secrets: memorySecrets(mode === 'demo' ? { 'helpcrunch.apiKey': 'demo-key' } : {}),
      log: silentLogger,
      version: 't',
      stateDir: null,
      demo: mode === 'demo',
    })
    const record = { mode, started: [] as (string | null)[], disposed: false }
    built.push(record)
    const item: BuiltRuntime = {
      runtime,
      started: (listen) => record.started.push(listen),
      dispose: async () => {
        record.disposed = true
      },
    }
    return item
  }
  return { realSettings, built, build }
}

async function boot(h: ReturnType<typeof harness>) {
  const supervisor = await createRuntimeSupervisor({
    settings: h.realSettings,
    build: h.build,
    log: silentLogger,
    version: 't',
  })
  live.push(supervisor)
  const events: ProtocolEvent[] = []
  supervisor.subscribe((e) => events.push(e))
  await supervisor.start()
  return { supervisor, events }
}

const readies = (events: ProtocolEvent[]) =>
  events.filter((e): e is Extract<ProtocolEvent, { type: 'ready' }> => e.type === 'ready')

describe('runtime supervisor', () => {
  it('starts the real runtime, forwards its events and announces ready', async () => {
    const h = harness()
    const { supervisor, events } = await boot(h)
    expect(supervisor.mode()).toBe('real')
    expect(h.built.map((b) => b.mode)).toEqual(['real'])
    expect(readies(events)).toMatchObject([{ demo: false, listen: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) }])
    supervisor.current().engine.store.apply(makeChat())
    expect(events.at(-1)).toMatchObject({ type: 'chat.added' })
    const snapshot = await supervisor.run('snapshot.get', {})
    expect(snapshot.ok && (snapshot.result as { chats: unknown[] }).chats).toHaveLength(1)
  })

  it('announces ready before it runs started, as the headless host does (one start sequence)', async () => {
    const h = harness()
    const order: string[] = []
    const supervisor = await createRuntimeSupervisor({
      settings: h.realSettings,
      build: async (mode) => ({ ...(await h.build(mode)), started: () => order.push('started') }),
      log: silentLogger,
      version: 't',
    })
    live.push(supervisor)
    supervisor.subscribe((event) => {
      if (event.type === 'ready') order.push('ready')
    })
    await supervisor.start()
    expect(order).toEqual(['ready', 'started'])
  })

  it('swaps to the demo runtime when the live settings turn demo on, keeping real settings clean', async () => {
    const h = harness()
    const { supervisor, events } = await boot(h)
    const real = supervisor.current()
    const apiUrl = h.realSettings.get().helpcrunch.apiUrl
    const outcome = await supervisor.run('settings.update', { patch: { app: { demo: true } } })
    expect(outcome.ok).toBe(true)
    // Commands wait behind the swap, so this one reaches the demo runtime.
    const snapshot = await supervisor.run('settings.get', {})
    expect(supervisor.mode()).toBe('demo')
    expect(supervisor.current()).not.toBe(real)
    expect(snapshot.ok && (snapshot.result as { settings: Settings }).settings.helpcrunch.apiUrl).toBe(
      'http://127.0.0.1:9/v1',
    )
    expect(h.realSettings.get().app.demo).toBe(true)
    expect(h.realSettings.get().helpcrunch.apiUrl).toBe(apiUrl)
    expect(h.built[0]?.disposed).toBe(true)
    expect(h.built[1]?.started).toEqual([expect.stringMatching(/^http:/)])
    expect(readies(events).map((e) => e.demo)).toEqual([false, true])
  })

  it('leaves demo when the demo runtime turns demo off, and rebuilds a fresh real runtime', async () => {
    const h = harness({ demo: true })
    const { supervisor, events } = await boot(h)
    expect(supervisor.mode()).toBe('demo')
    await supervisor.run('settings.update', { patch: { app: { demo: false } } })
    await supervisor.run('settings.get', {})
    expect(supervisor.mode()).toBe('real')
    expect(h.built.map((b) => b.mode)).toEqual(['demo', 'real'])
    expect(h.built[0]?.disposed).toBe(true)
    expect(h.realSettings.get().app.demo).toBe(false)
    expect(readies(events).map((e) => e.demo)).toEqual([true, false])
  })

  it('stops forwarding the old runtime once it is swapped out', async () => {
    const h = harness()
    const { supervisor, events } = await boot(h)
    const old = supervisor.current()
    await supervisor.setDemo(true)
    const before = events.length
    old.engine.store.apply(makeChat({ sourceId: 'stale' }))
    expect(events.length).toBe(before)
    supervisor.current().engine.store.apply(makeChat({ sourceId: 'fresh' }))
    expect(events.at(-1)).toMatchObject({ type: 'chat.added', chat: { sourceId: 'fresh' } })
  })

  it('ignores a switch to the mode already live and settings changes that keep the mode', async () => {
    const h = harness()
    const { supervisor } = await boot(h)
    await supervisor.setDemo(false)
    await supervisor.run('settings.update', { patch: { alerts: { privacy: true } } })
    await supervisor.run('settings.get', {})
    expect(h.built.map((b) => b.mode)).toEqual(['real'])
  })

  it('falls back to the real runtime and clears the switch when the demo cannot be built', async () => {
    const error = vi.fn()
    const h = harness({ demo: true }, true)
    const supervisor = await createRuntimeSupervisor({
      settings: h.realSettings,
      build: h.build,
      log: { ...silentLogger, error },
      version: 't',
    })
    live.push(supervisor)
    expect(supervisor.mode()).toBe('real')
    expect(h.realSettings.get().app.demo).toBe(false)
    expect(error).toHaveBeenCalledWith(expect.stringContaining('demo mode could not start'), expect.anything())
  })

  it('stops the live runtime once, and switches nothing after stop', async () => {
    const h = harness()
    const { supervisor } = await boot(h)
    await supervisor.stop()
    await supervisor.stop()
    await supervisor.setDemo(true)
    expect(h.built.map((b) => [b.mode, b.disposed])).toEqual([['real', true]])
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import type { ProtocolEvent } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'
import { silentLogger } from '../engine/log'
import { memorySecrets, memorySettings } from './ports'
import { createRuntime } from './runtime'
import type { BuiltRuntime } from './start'
import { createRuntimeSupervisor, type RuntimeMode, type RuntimeSupervisor } from './supervisor'

const live: RuntimeSupervisor[] = []
afterEach(async () => {
  for (const s of live.splice(0)) await s.stop()
})

const TOKEN = 'tok-0123456789abcdef'

/** A real runtime on the real ports that "follows a hub" (starts without a listener) while `hub.token` is set. */
async function boot(initialDemo = false) {
  const base = defaultSettings()
  base.listener.port = 0
  base.app.demo = initialDemo
  const settings = memorySettings(base)
  const secrets = memorySecrets()
  const built: { mode: RuntimeMode; following: boolean }[] = []
  const build = async (mode: RuntimeMode): Promise<BuiltRuntime> => {
    const following = mode === 'real' && secrets.get('hub.token') !== null
    built.push({ mode, following })
    const runtime = createRuntime({
      settings: mode === 'real' ? settings : memorySettings(structuredClone(settings.get())),
      secrets: mode === 'real' ? secrets : memorySecrets(),
      log: silentLogger,
      version: 't',
      stateDir: null,
      demo: mode === 'demo',
    })
    return { runtime, withoutListener: following }
  }
  const supervisor = await createRuntimeSupervisor({
    settings,
    build,
    log: silentLogger,
    version: 't',
    shape: () => (secrets.get('hub.token') ? `hub ${secrets.get('hub.token')}` : 'help desks'),
  })
  live.push(supervisor)
  const events: ProtocolEvent[] = []
  supervisor.subscribe((e) => events.push(e))
  await supervisor.start()
  const listens = () => events.flatMap((e) => (e.type === 'ready' ? [e.listen] : []))
  return { supervisor, built, listens, secrets }
}

describe('runtime supervisor: rebuilding the real runtime when its shape changes', () => {
  it('rebuilds after secrets.set changes the shape, starting the new runtime without a listener, and back', async () => {
    const { supervisor, built, listens } = await boot()
    const first = supervisor.current()
    const set = await supervisor.runUntrusted('secrets.set', { name: 'hub.token', value: TOKEN })
    expect(set).toMatchObject({ ok: true, result: { name: 'hub.token', configured: true } })
    // The command's answer comes after the rebuild: the next command already reaches the new runtime.
    expect(supervisor.current()).not.toBe(first)
    expect(built).toEqual([
      { mode: 'real', following: false },
      { mode: 'real', following: true },
    ])
    expect(listens()).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:/), null])

    await supervisor.run('secrets.set', { name: 'hub.token', value: null })
    expect(built.at(-1)).toEqual({ mode: 'real', following: false })
    expect(listens()).toHaveLength(3)
    expect(listens()[2]).toMatch(/^http:\/\/127\.0\.0\.1:/)
  })

  it('keeps the runtime when a command leaves the shape as it was', async () => {
    const { supervisor, built } = await boot()
    const first = supervisor.current()
    await supervisor.runUntrusted('settings.update', { patch: { alerts: { privacy: true } } })
    await supervisor.run('secrets.set', { name: 'helpcrunch.apiKey', value: 'hc-key-0123' })
    expect(supervisor.current()).toBe(first)
    expect(built).toHaveLength(1)
  })

  it('rebuilds nothing while the demo runtime is live', async () => {
    const { supervisor, built, secrets } = await boot(true)
    // The real token changes while the demo is live (the demo's own secrets are in its memory).
    secrets.set('hub.token', TOKEN)
    await supervisor.run('secrets.set', { name: 'hub.token', value: TOKEN })
    expect(supervisor.mode()).toBe('demo')
    expect(built.map((b) => b.mode)).toEqual(['demo'])
  })
})

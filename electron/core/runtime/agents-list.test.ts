import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { createFakeHelpCrunch } from '../demo/fake-helpcrunch/server'
import { silentLogger } from '../engine/log'
import { registerSources } from '../sources/registry'
import { memorySecrets, memorySettings } from './ports'
import { createRuntime } from './runtime'

function runtimeWith(key: string | null) {
  const fake = createFakeHelpCrunch({ apiKey: 'k-123456' })
  const settings = defaultSettings()
  settings.listener.port = 0
  const runtime = createRuntime({
    settings: memorySettings(settings),
    secrets: memorySecrets(key ? { 'helpcrunch.apiKey': key } : {}),
    log: silentLogger,
    version: 't',
    stateDir: null,
    demo: false,
    fetch: fake.fetch,
  })
  registerSources(runtime)
  return runtime
}

describe('agents.list', () => {
  it('lists the HelpCrunch agents for the "who am I" picker', async () => {
    const runtime = runtimeWith('k-123456')
    await runtime.engine.adapters.get('helpcrunch')?.start()
    const outcome = await runtime.engine.dispatcher.runUntrusted('agents.list', {})
    await runtime.stop()
    expect(outcome.ok).toBe(true)
    if (outcome.ok) {
      const { agents } = outcome.result as { agents: { id: string; name: string | null }[] }
      expect(agents.length).toBeGreaterThan(0)
      expect(agents[0]).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: expect.any(String),
        email: expect.anything(),
      })
    }
  })

  it('answers not_configured without a key, and unsupported for a source that cannot list agents', async () => {
    const runtime = runtimeWith(null)
    expect(await runtime.engine.dispatcher.runUntrusted('agents.list', {})).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    })
    expect(await runtime.engine.dispatcher.runUntrusted('agents.list', { source: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    })
  })
})

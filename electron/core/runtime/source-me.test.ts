import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import { registerSources } from '../sources/registry'
import type { Runtime } from './runtime'

let runtime: Runtime | null = null
afterEach(async () => {
  await runtime?.stop()
  runtime = null
})

describe('each source names its own "me" in its status', () => {
  it('HelpCrunch: the agent id; DeskDirector: the tech userId; a change is republished', async () => {
    const settings = defaultSettings()
    settings.listener.port = 0
    settings.helpcrunch.agentId = '4188'
    runtime = memoryRuntime(settings).runtime
    registerSources(runtime)
    await runtime.start()
    const me = () => Object.fromEntries(runtime?.engine.statuses().map((s) => [s.source, s.me]) ?? [])
    // HelpCrunch reports on the next turn (after `ready`).
    await vi.waitFor(() => expect(me()).toEqual({ helpcrunch: '4188', deskdirector: null }))
    const events: string[] = []
    runtime.engine.bus.on(['source.status'], (e) => events.push(`${e.status.source}=${e.status.me}`))
    await runtime.engine.dispatcher.run('settings.update', { patch: { deskdirector: { userId: 'acme~m~268' } } })
    expect(me()).toEqual({ helpcrunch: '4188', deskdirector: 'acme~m~268' })
    expect(events).toEqual(['deskdirector=acme~m~268'])
  })
})

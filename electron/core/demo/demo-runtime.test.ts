import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../engine/log'
import { buildDemoRuntime } from './demo-runtime'

describe('buildDemoRuntime', () => {
  it('keeps demo settings and credentials in its own memory ports, leaving the base untouched', async () => {
    const base = defaultSettings()
    base.listener.port = 0
    base.app.theme = 'dark'
    const before = structuredClone(base)
    const built = await buildDemoRuntime({ base, log: silentLogger, version: 't', stateDir: null })
    try {
      const { settings, secrets } = built.runtime.options
      expect(base).toEqual(before)
      expect(settings.get().app).toMatchObject({ demo: true, theme: 'dark' })
      expect(settings.get().helpcrunch.apiUrl).toBe(built.session.world.apiUrl)
      expect(secrets.get('helpcrunch.apiKey')).toBe(built.session.world.apiKey)
      expect(built.runtime.options.demo).toBe(true)
      expect(built.runtime.engine.adapters.all().map((a) => a.identity.id)).toEqual(['helpcrunch', 'deskdirector'])
      // Demo DeskDirector chats open too: the demo has a site address.
      expect(settings.get().deskdirector.baseUrl).toBe('https://demo.deskdirector.com')
      expect(base.deskdirector.baseUrl).toBeNull()
      built.runtime.engine.contextFor('deskdirector').ingest([makeChat({ sourceId: 'dd-demo', ticketRef: '42' })])
      expect(await built.runtime.engine.dispatcher.runUntrusted('chat.open', { key: 'deskdirector:dd-demo' })).toEqual({
        ok: true,
        result: { url: 'https://demo.deskdirector.com/tech/tickets/42' },
      })
    } finally {
      await built.runtime.stop()
      await built.dispose?.()
    }
  })

  it('stamps every chat the started runtime ingests as demo', async () => {
    const base = defaultSettings()
    base.listener.port = 0
    const built = await buildDemoRuntime({ base, log: silentLogger, version: 't', stateDir: null })
    try {
      const { listen } = await built.runtime.start()
      built.started?.(listen)
      await built.runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
      built.session.world.fake.db.addChat({ id: 1, customer: { id: 1, name: 'Ada', email: 'a@x.io', userId: null } })
      await built.runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
      await expect.poll(() => built.runtime.engine.store.all().length, { timeout: 5000 }).toBeGreaterThan(0)
      expect(built.runtime.engine.store.all().every((c) => c.demo === true)).toBe(true)
    } finally {
      await built.runtime.stop()
      await built.dispose?.()
    }
  })
})

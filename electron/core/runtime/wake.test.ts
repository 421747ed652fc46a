import { createServer } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../shared/alert'
import { defaultSettings } from '../../../shared/settings'
import { fakeAdapter } from '../../../tests/helpers/adapters'
import { makeChat } from '../../../tests/helpers/chats'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import { createHubConnectionAdapter } from '../../hub/client/adapters'
import { silentLogger } from '../engine/log'
import { wakeRuntime } from './wake'

function runtimeWithSource(refresh: () => Promise<void>) {
  const settings = defaultSettings()
  settings.alerts.batchWindowMs = 0
  settings.alerts.startupWindowSeconds = 0
  settings.listener.port = 0
  const { runtime } = memoryRuntime(settings)
  runtime.engine.adapters.register(fakeAdapter('desk', { refresh }))
  runtime.engine.contextFor('desk').reportStatus(fakeAdapter('desk').status())
  const alerts: Alert[] = []
  runtime.engine.bus.subscribe((event) => {
    if (event.type === 'alert') alerts.push(event.alert)
  })
  return { runtime, alerts }
}

describe('waking the runtime', () => {
  it('refreshes every source at once and sends what they found as ONE summary', async () => {
    const { runtime, alerts } = runtimeWithSource(async () => {
      const context = runtime.engine.contextFor('desk')
      context.ingest([makeChat({ source: 'desk', sourceId: 'a' }), makeChat({ source: 'desk', sourceId: 'b' })])
    })
    await runtime.start()
    await new Promise((resolve) => setImmediate(resolve))
    const report = await wakeRuntime(runtime, 'resume', true, silentLogger)
    runtime.alerts.flushEvents()
    expect(report).toEqual({ reason: 'resume', listener: 'answering', sources: [{ id: 'desk', ok: true }] })
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ kind: 'summary', reason: 'wake', chatKeys: ['desk:a', 'desk:b'] })
    expect(alerts[0]?.title).toMatch(/While you were away/)
    await runtime.stop()
  })

  it('binds the listener again when its port was lost, and says so when it cannot', async () => {
    const { runtime } = runtimeWithSource(async () => {})
    const { port } = await runtime.start().then(({ listen }) => ({ port: Number(new URL(listen).port) }))
    await new Promise<void>((resolve) => runtime.listener.server.close(() => resolve()))
    expect(await wakeRuntime(runtime, 'network-change', true, silentLogger)).toMatchObject({ listener: 'rebound' })
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200)
    // Lost again, and meanwhile another program took the port: the wake says it failed (logged as an error).
    await new Promise<void>((resolve) => runtime.listener.server.close(() => resolve()))
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve))
    expect(await wakeRuntime(runtime, 'resume', true, silentLogger)).toMatchObject({ listener: 'failed' })
    await new Promise((resolve) => squatter.close(resolve))
    await runtime.stop()
  })

  it('a team hub connection reconnects on wake even when its stream looks open', async () => {
    const reconnectNow = vi.fn()
    const { runtime } = memoryRuntime()
    const hub = createHubConnectionAdapter({
      context: runtime.engine.contextFor('hub'),
      start() {},
      stop() {},
      link: { command: async () => ({}), connection: () => 'ok', reconnectNow },
      detail: () => 'following the team hub',
      warnings: () => [],
      now: () => 0,
    })
    await hub.refresh?.()
    expect(reconnectNow).not.toHaveBeenCalled()
    await hub.wake?.()
    expect(reconnectNow).toHaveBeenCalledWith('the machine woke')
  })
})

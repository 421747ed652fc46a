/**
 * A third help desk joins through the source plug-in contract alone (its folder plus one entry in the list
 * of sources): its chats flow through the listener, the store and the alert policy; its label and
 * capabilities reach statuses and alert texts; its setup check runs; nothing else was changed for it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Runtime } from '../../electron/core/runtime/runtime'
import { readyEvent } from '../../electron/core/runtime/start'
import { registerSources, SOURCES } from '../../electron/core/sources/registry'
import type { Alert } from '../../shared/alert'
import { defaultSettings } from '../../shared/settings'
import { memoryRuntime } from '../helpers/runtime'
import { TICKETBOX_PATH, TICKETBOX_TOKEN, ticketBoxSource } from './plugin'

let runtime: Runtime | null = null
afterEach(async () => {
  await runtime?.stop()
  runtime = null
})

async function startWithTicketBox() {
  const settings = defaultSettings()
  settings.listener.port = 0
  settings.alerts.batchWindowMs = 0
  settings.alerts.startupWindowSeconds = 0
  runtime = memoryRuntime(settings).runtime
  // The one line a new help desk adds to the registry.
  registerSources(runtime, [...SOURCES, ticketBoxSource])
  const alerts: Alert[] = []
  runtime.engine.bus.on(['alert'], (event) => alerts.push(event.alert))
  const { listen } = await runtime.start()
  return { runtime, listen, alerts }
}

const post = (listen: string, body: unknown, token = TICKETBOX_TOKEN) =>
  fetch(`${listen}${TICKETBOX_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })

describe('a third source registered through the plug-in contract', () => {
  it('is announced, labelled and alerted like the shipped ones', async () => {
    const { runtime, listen, alerts } = await startWithTicketBox()
    expect(readyEvent(runtime, { listen, version: 't', demo: false }).sources).toEqual([
      'helpcrunch',
      'deskdirector',
      'ticketbox',
    ])
    expect(runtime.sources().at(-1)).toEqual({
      id: 'ticketbox',
      label: 'TicketBox',
      capabilities: { serverSnooze: false, assign: false, setStatus: false, markRead: false },
    })

    expect((await post(listen, { id: 't1', subject: 'VPN down', from: 'Ana', at: Date.now() })).status).toBe(200)
    expect((await post(listen, { id: 't2', subject: 'x', from: 'y', at: 1 }, 'wrong')).status).toBe(401)
    expect(runtime.engine.store.get('ticketbox:t1')?.title).toBe('VPN down')
    expect(runtime.engine.store.get('ticketbox:t2')).toBeUndefined()

    const status = runtime.engine.statuses().find((s) => s.source === 'ticketbox')
    expect(status).toMatchObject({ label: 'TicketBox', capabilities: { assign: false } })
    await expect.poll(() => alerts.map((a) => a.title)).toContainEqual(expect.stringContaining('TicketBox'))
  })

  it('runs its own setup check beside the shipped sources', async () => {
    const { runtime, listen } = await startWithTicketBox()
    const ids = (await runtime.checks(listen)).map((c) => c.id)
    expect(ids).toContain('ticketbox.route')
    expect(ids).toContain('listener.reachable')
    // TicketBox counts as configured, so "no help desk is configured" is not reported.
    expect(ids).not.toContain('sources')
  })
})

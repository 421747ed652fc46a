/**
 * A third help desk joins through the source plug-in contract alone (its folder, plus its entries in the list of
 * sources and in the settings model the runtime runs on): its chats flow through the listener, the store and the
 * alert policy; its label and capabilities reach statuses and alert texts; its own setting names "me" and its own
 * secret authenticates its deliveries, both set through the protocol like the shipped desks'; its setup check runs.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Runtime } from '../../electron/core/runtime/runtime'
import { readyEvent } from '../../electron/core/runtime/start'
import { registerSources, SOURCES } from '../../electron/core/sources/registry'
import type { Alert } from '../../shared/alert'
import { defaultSettings } from '../../shared/settings'
import { memoryRuntime } from '../helpers/runtime'
import { SETTINGS_WITH_TICKETBOX, TICKETBOX_PATH, TICKETBOX_TOKEN, ticketBoxSource } from './plugin'

let runtime: Runtime | null = null
afterEach(async () => {
  await runtime?.stop()
  runtime = null
})

async function startWithTicketBox() {
  const settings = defaultSettings(SETTINGS_WITH_TICKETBOX)
  settings.listener.port = 0
  settings.alerts.batchWindowMs = 0
  settings.alerts.startupWindowSeconds = 0
  const built = memoryRuntime(settings, {}, { settingsModel: SETTINGS_WITH_TICKETBOX })
  runtime = built.runtime
  // The one line a new help desk adds to the registry.
  registerSources(runtime, [...SOURCES, ticketBoxSource])
  const alerts: Alert[] = []
  runtime.engine.bus.on(['alert'], (event) => alerts.push(event.alert))
  const { listen } = await runtime.start()
  return { runtime, listen, alerts, run: built.dispatch }
}

const post = (listen: string, body: unknown, token = TICKETBOX_TOKEN) =>
  fetch(`${listen}${TICKETBOX_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })

describe('a third source registered through the plug-in contract', () => {
  it('is announced, labelled and alerted like the shipped ones', async () => {
    const { runtime, listen, alerts, run } = await startWithTicketBox()
    expect(readyEvent(runtime, { listen, version: 't', demo: false }).sources).toEqual([
      'helpcrunch',
      'deskdirector',
      'ticketbox',
    ])
    expect(runtime.sources().at(-1)).toEqual({
      id: 'ticketbox',
      label: 'TicketBox',
      capabilities: { serverSnooze: false, assign: true, setStatus: false, markRead: false },
    })
    expect(await run('secrets.set', { name: 'ticketbox.token', value: TICKETBOX_TOKEN })).toMatchObject({ ok: true })

    expect((await post(listen, { id: 't1', subject: 'VPN down', from: 'Ana', at: Date.now() })).status).toBe(200)
    expect((await post(listen, { id: 't2', subject: 'x', from: 'y', at: 1 }, 'wrong')).status).toBe(401)
    expect(runtime.engine.store.get('ticketbox:t1')?.title).toBe('VPN down')
    expect(runtime.engine.store.get('ticketbox:t2')).toBeUndefined()

    const status = runtime.engine.statuses().find((s) => s.source === 'ticketbox')
    expect(status).toMatchObject({ label: 'TicketBox', capabilities: { assign: true } })
    await expect.poll(() => alerts.map((a) => a.title)).toContainEqual(expect.stringContaining('TicketBox'))
  })

  it('keeps its own secret in the secrets store: deliveries are refused until it is set, and checked against it', async () => {
    const { listen, run } = await startWithTicketBox()
    const ticket = { id: 't1', subject: 'VPN down', from: 'Ana', at: Date.now() }
    expect((await post(listen, ticket)).status).toBe(403)
    expect(await run('secrets.status', {})).toMatchObject({
      ok: true,
      result: { configured: { 'ticketbox.token': false } },
    })
    expect(await run('secrets.set', { name: 'ticketbox.token', value: 'with space' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringContaining('"ticketbox.token" contains spaces') },
    })
    expect(await run('secrets.set', { name: 'ticketbox.password', value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringContaining('no secret "ticketbox.password"') },
    })
    expect(await run('secrets.set', { name: 'ticketbox.token', value: 'tb-0123' })).toEqual({
      ok: true,
      result: { name: 'ticketbox.token', configured: true },
    })
    expect((await post(listen, ticket)).status).toBe(401)
    expect((await post(listen, ticket, 'tb-0123')).status).toBe(200)
  })

  it('names "me" with its own setting: assign to me, scope "mine" and assigned-to-me alerts follow it', async () => {
    const { runtime, listen, alerts, run } = await startWithTicketBox()
    await run('secrets.set', { name: 'ticketbox.token', value: TICKETBOX_TOKEN })
    expect(await run('settings.update', { patch: { ticketbox: { agentId: 'x'.repeat(101) } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringContaining('"ticketbox.agentId"') },
    })
    expect(await run('settings.update', { patch: { ticketbox: { agentId: 'agent-7' } } })).toMatchObject({
      ok: true,
      result: { settings: { ticketbox: { agentId: 'agent-7' } } },
    })
    expect(runtime.engine.statuses().find((s) => s.source === 'ticketbox')?.me).toBe('agent-7')
    expect((await post(listen, { id: 't3', subject: 'Printer', from: 'Bo', at: Date.now() })).status).toBe(200)
    expect(await run('chat.assign', { key: 'ticketbox:t3' })).toMatchObject({
      ok: true,
      result: { chat: { assignee: { id: 'agent-7' } } },
    })
    await expect
      .poll(() => alerts.filter((a) => a.kind === 'assigned-to-me').flatMap((a) => a.chatKeys))
      .toEqual(['ticketbox:t3'])
  })

  it('runs its own setup check beside the shipped sources', async () => {
    const { runtime, listen, run } = await startWithTicketBox()
    await run('secrets.set', { name: 'ticketbox.token', value: TICKETBOX_TOKEN })
    const ids = (await runtime.checks(listen)).map((c) => c.id)
    expect(ids).toContain('ticketbox.route')
    expect(ids).toContain('listener.reachable')
    // TicketBox counts as configured (its token is set), so "no help desk is configured" is not reported.
    expect(ids).not.toContain('sources')
  })

  it('is refused by a runtime whose settings do not hold its section (they would be dropped silently)', () => {
    const plain = memoryRuntime().runtime
    expect(() => registerSources(plain, [...SOURCES, ticketBoxSource])).toThrow(
      'plug-in "ticketbox": its settings are not in this runtime\'s settings model',
    )
    expect(() => registerSources(memoryRuntime().runtime)).not.toThrow()
  })
})

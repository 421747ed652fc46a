/**
 * The third help desk on a team hub: a hub serves TicketBox (its plug-in, its setting and its secret), and
 * desktops built without it follow the hub and see its chats, its label and capabilities, and "me" there as their
 * tokens name it; "assign to me" from a desktop assigns to that desktop's agent. Nothing in the hub, the hub client
 * or the shipped desks was changed for TicketBox.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../electron/core/engine/log'
import { memorySecrets, memorySettings } from '../../electron/core/runtime/ports'
import type { Runtime } from '../../electron/core/runtime/runtime'
import { registerSources, SOURCES } from '../../electron/core/sources/registry'
import { buildRuntimeOf } from '../../electron/hosts/compose'
import { HUB_CLIENT_TIMINGS } from '../../electron/hub/client/register'
import { attachHub, HUB_DEFAULTS } from '../../electron/hub/server/hub'
import type { Alert } from '../../shared/alert'
import { defaultSettings } from '../../shared/settings'
import { memoryRuntime } from '../helpers/runtime'
import { SETTINGS_WITH_TICKETBOX, TICKETBOX_PATH, TICKETBOX_TOKEN, ticketBoxSource } from './plugin'

const MIA = { token: 'tok-mia-ticketbox-0123456789', agent: 'Mia Novak', me: { ticketbox: 'agent-7' } }
const LEO = { token: 'tok-leo-ticketbox-0123456789', agent: 'Leo Brandt', me: { ticketbox: 'agent-9' } }

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A hub with the shipped desks and TicketBox, its token set; returns its URL. */
async function startHub(): Promise<{ url: string; runtime: Runtime }> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-third-hub-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const tokensFile = join(dir, 'tokens.json')
  writeFileSync(tokensFile, JSON.stringify([MIA, LEO]))
  const settings = defaultSettings(SETTINGS_WITH_TICKETBOX)
  settings.listener.port = 0
  const { runtime, dispatch } = memoryRuntime(settings, {}, { settingsModel: SETTINGS_WITH_TICKETBOX })
  registerSources(runtime, [...SOURCES, ticketBoxSource])
  const hub = attachHub(runtime, {
    tokensFile,
    replayEvents: 1000,
    limits: {
      heartbeatMs: HUB_DEFAULTS.heartbeatMs,
      maxBufferBytes: HUB_DEFAULTS.maxBufferBytes,
      maxStreams: 100,
      streamsPerToken: HUB_DEFAULTS.streamsPerToken,
      catchUpMs: HUB_DEFAULTS.catchUpMs,
    },
    shares: {
      commandsPerMinute: HUB_DEFAULTS.commandsPerMinute,
      commandConcurrency: HUB_DEFAULTS.commandConcurrency,
      authFailuresPerMinute: HUB_DEFAULTS.authFailuresPerMinute,
    },
  })
  const { listen } = await runtime.start()
  cleanups.push(async () => {
    hub.close()
    await runtime.stop()
  })
  expect(await dispatch('secrets.set', { name: 'ticketbox.token', value: TICKETBOX_TOKEN })).toMatchObject({ ok: true })
  return { url: listen, runtime }
}

/** A desktop of this build (no TicketBox in it) following the hub with `token`, and the alerts it raises. */
async function follow(url: string, token: string) {
  const settings = defaultSettings()
  settings.alerts.batchWindowMs = 0
  settings.alerts.startupWindowSeconds = 0
  const { runtime } = await buildRuntimeOf('real', {
    settings: memorySettings(settings),
    secrets: memorySecrets(),
    log: silentLogger,
    version: 't',
    stateDir: null,
    demoStateDir: null,
    hubClient: { url, token, ...HUB_CLIENT_TIMINGS },
  })
  const alerts: Alert[] = []
  runtime.engine.bus.on(['alert'], (event) => alerts.push(event.alert))
  await runtime.startWithoutListener()
  cleanups.push(() => runtime.stop())
  const ticketbox = () => runtime.engine.statuses().find((s) => s.source === 'ticketbox')
  await expect.poll(() => ticketbox()?.state, { timeout: 10_000 }).toBe('ok')
  return { runtime, alerts, ticketbox }
}

describe('a third help desk on a team hub', () => {
  it('desktops see its chats, label, capabilities and their own "me", and assign to themselves through the hub', async () => {
    const hub = await startHub()
    const mia = await follow(hub.url, MIA.token)
    const leo = await follow(hub.url, LEO.token)

    expect(mia.ticketbox()).toMatchObject({
      label: 'TicketBox',
      capabilities: { assign: true, setStatus: false, serverSnooze: true, markRead: true },
      me: 'agent-7',
      setup: { credential: { path: 'hub.token' } },
    })
    expect(leo.ticketbox()?.me).toBe('agent-9')

    const delivered = await fetch(`${hub.url}${TICKETBOX_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TICKETBOX_TOKEN}` },
      body: JSON.stringify({ id: 't1', subject: 'VPN down', from: 'Ana', at: Date.now() }),
    })
    expect(delivered.status).toBe(200)
    for (const desktop of [mia, leo])
      await expect
        .poll(() => desktop.runtime.engine.store.get('ticketbox:t1')?.title, { timeout: 10_000 })
        .toBe('VPN down')
    await expect.poll(() => mia.alerts.map((a) => a.title)).toContainEqual(expect.stringContaining('TicketBox'))

    // Leo's "assign to me" runs on the hub for Leo (the command's actor): the ticket becomes agent-9's.
    expect(await leo.runtime.engine.dispatcher.run('chat.assign', { key: 'ticketbox:t1' })).toMatchObject({
      ok: true,
      result: { chat: { assignee: { id: 'agent-9' } } },
    })
    expect(hub.runtime.engine.store.get('ticketbox:t1')?.assignee?.id).toBe('agent-9')
    await expect
      .poll(() => mia.runtime.engine.store.get('ticketbox:t1')?.assignee?.id, { timeout: 10_000 })
      .toBe('agent-9')
    // Mine on Leo's desktop only, by the same rule as anywhere: the assignee is "me" there.
    const assignedToMe = (alerts: Alert[]) =>
      alerts.filter((a) => a.kind === 'assigned-to-me').flatMap((a) => a.chatKeys)
    await expect.poll(() => assignedToMe(leo.alerts), { timeout: 10_000 }).toEqual(['ticketbox:t1'])
    expect(assignedToMe(mia.alerts)).toEqual([])
  })
})

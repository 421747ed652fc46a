/**
 * A desktop following a hub makes its proxies from what the hub sends: one per source its statuses (or chats)
 * name, with the hub's label and capabilities and the token's "me", whichever desks they are.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { SourceStatus } from '../../../shared/protocol'
import { makeChat } from '../../../tests/helpers/chats'
import { startTinyHub } from '../../../tests/helpers/tiny-hub'
import { silentLogger } from '../../core/engine/log'
import { memorySecrets, memorySettings } from '../../core/runtime/ports'
import type { Runtime } from '../../core/runtime/runtime'
import { buildRuntimeOf } from '../../hosts/compose'
import { HUB_CLIENT_TIMINGS, MAX_PROXIED_SOURCES } from './register'

const TOKEN = 'tok-proxy-0123456789abcdef'
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const status = (source: string, extra: Partial<SourceStatus> = {}): SourceStatus => ({
  source,
  state: 'ok',
  message: null,
  warnings: [],
  lastOkAt: 1,
  at: 1,
  ...extra,
})

async function follow(hub: { url: string }): Promise<Runtime> {
  const { runtime } = await buildRuntimeOf('real', {
    settings: memorySettings(),
    secrets: memorySecrets(),
    log: silentLogger,
    version: 't',
    stateDir: null,
    demoStateDir: null,
    hubClient: { url: hub.url, token: TOKEN, ...HUB_CLIENT_TIMINGS },
  })
  await runtime.startWithoutListener()
  cleanups.push(() => runtime.stop())
  return runtime
}

describe('the proxies of a hub desktop', () => {
  it('come from the hub statuses: label and actions as the hub says, snooze and read kept by the hub, "me" from the token', async () => {
    const ticket = makeChat({
      source: 'ticketbox',
      sourceId: 't1',
      assignee: { id: 'agent-7', name: 'Mia', email: null },
    })
    const hub = await startTinyHub(TOKEN, [ticket], {
      sources: [
        status('ticketbox', {
          label: 'TicketBox',
          capabilities: { serverSnooze: false, assign: true, setStatus: false, markRead: false, refresh: false },
          me: 'the-hub-own',
          setup: { receives: 'webhooks', credential: { path: 'ticketbox.token' } },
        }),
      ],
      agent: { name: 'Mia Novak', me: { ticketbox: 'agent-7' } },
    })
    cleanups.push(hub.close)
    const runtime = await follow(hub)
    const ticketbox = () => runtime.engine.statuses().find((s) => s.source === 'ticketbox')
    await expect.poll(ticketbox, { timeout: 5000 }).toMatchObject({ label: 'TicketBox', me: 'agent-7' })
    expect(ticketbox()).toMatchObject({
      capabilities: { serverSnooze: true, assign: true, setStatus: false, markRead: true, refresh: true },
      setup: { receives: 'connection', credential: { path: 'hub.token' } },
    })
    expect(runtime.engine.store.get('ticketbox:t1')?.assignee?.id).toBe('agent-7')
    expect(runtime.engine.adapters.get('ticketbox')?.identity.label).toBe('TicketBox')
  })

  it('takes no source named like the connection, and at most 50 sources, naming the others in a warning', async () => {
    const many = Array.from({ length: MAX_PROXIED_SOURCES + 2 }, (_, i) => status(`desk${i}`, { label: `Desk ${i}` }))
    const hub = await startTinyHub(TOKEN, [], { sources: [status('hub', { label: 'Forged' }), ...many] })
    cleanups.push(hub.close)
    const runtime = await follow(hub)
    const connection = () => runtime.engine.statuses().find((s) => s.source === 'hub')
    await expect
      .poll(() => connection()?.warnings, { timeout: 5000 })
      .toEqual([
        'the team hub names sources this desktop does not show (more than 50, or one called "hub"): hub, desk50, desk51',
      ])
    expect(connection()?.label).toBe('Team hub')
    expect(runtime.engine.adapters.all()).toHaveLength(1 + MAX_PROXIED_SOURCES)
  })

  it('says on the hub connection when the team cannot see this desktop (its presence report is refused)', async () => {
    const hub = await startTinyHub(TOKEN, [], { presence: 'refuse' })
    cleanups.push(hub.close)
    const runtime = await follow(hub)
    const connection = () => runtime.engine.statuses().find((s) => s.source === 'hub')
    await expect
      .poll(() => connection()?.warnings, { timeout: 5000 })
      .toEqual(["the team cannot see this desktop's presence (the hub did not take its report: no presence today)"])
    expect(hub.requests.filter((r) => r.path === '/v1/commands').length).toBeGreaterThan(0)
  })
})

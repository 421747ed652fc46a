/**
 * One malformed chat from the team hub (issue 24, item 8): `createdAt: "yesterday"` once made a NaN due time in
 * the alert timer queue, which then never fired again (no batch window ended, no reminder came), and
 * `customer: null` threw while the alert was composed, so that chat's alert was lost.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeAdapter } from '../../../tests/helpers/adapters'
import { buildAlerting } from '../../../tests/helpers/alerting'
import { makeChat } from '../../../tests/helpers/chats'
import { UNKNOWN_CUSTOMER } from '../../core/engine/alerts/compose'
import { applyHubEvent, type HubEventSink } from './events'

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0)
beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => vi.useRealTimers())

function desktop() {
  const t = buildAlerting({
    settings: { alerts: { batchWindowMs: 5_000, stillWaitingAfterSeconds: 60, repeatEverySeconds: 600 } },
    adapters: [fakeAdapter('deskdirector'), fakeAdapter('helpcrunch')],
  })
  const sink: HubEventSink = {
    context: (source) => t.engine.contextFor(source),
    sources: () => ['deskdirector', 'helpcrunch'],
    onSourceStatus: () => {},
    onAgent: () => {},
    onUnreadable: () => {},
  }
  const send = (event: string, data: unknown) => applyHubEvent({ event, id: '1', data: JSON.stringify(data) }, sink)
  return { ...t, send }
}

describe('a malformed chat on the hub stream', () => {
  it('still alerts (with a fallback name) and never stops later alerts or reminders', () => {
    const t = desktop()
    const bad = { ...makeChat({ sourceId: 'bad', title: '', updatedAt: T0 }), createdAt: 'yesterday', customer: null }
    t.send('chat.added', { chat: bad })
    expect(t.alerts.map((a) => [a.kind, a.chatKeys])).toEqual([['new', ['deskdirector:bad']]])
    expect(t.alerts[0]?.body).toBe(UNKNOWN_CUSTOMER)

    const good = makeChat({ source: 'helpcrunch', sourceId: '42', rawStatus: 'new', createdAt: T0, updatedAt: T0 })
    t.send('chat.added', { chat: good })
    vi.advanceTimersByTime(5_000) // the batch window ends: the second chat's alert goes out
    expect(t.alerts.map((a) => [a.kind, a.chatKeys])).toContainEqual(['new', ['helpcrunch:42']])

    vi.advanceTimersByTime(60_000) // both are still waiting a minute later
    const reminded = t.alerts.filter((a) => a.kind === 'still-waiting' || a.kind === 'summary')
    expect(reminded.flatMap((a) => a.chatKeys).sort()).toEqual(['deskdirector:bad', 'helpcrunch:42'])
    t.stop()
  })

  it('a chat whose time is not a number, straight from a source, is repaired at the engine edge', () => {
    const t = desktop()
    const context = t.engine.contextFor('deskdirector')
    context.ingest([makeChat({ sourceId: 'nan', createdAt: Number.NaN, updatedAt: T0 })])
    context.ingest([makeChat({ sourceId: 'ok', createdAt: T0, updatedAt: T0 })])
    vi.advanceTimersByTime(5_000)
    expect(t.alerts.flatMap((a) => a.chatKeys).sort()).toEqual(['deskdirector:nan', 'deskdirector:ok'])
    expect(t.engine.store.get('deskdirector:nan')?.createdAt).toBeNull()
    const notices = t.engine.statuses().find((s) => s.source === 'deskdirector')?.notices
    expect(notices).toEqual([{ code: 'chat-repaired', message: expect.stringContaining('createdAt') }])
    t.stop()
  })
})

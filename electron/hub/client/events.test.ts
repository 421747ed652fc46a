import { describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { createEngine } from '../../core/engine/engine'
import { silentLogger } from '../../core/engine/log'
import { applyHubEvent, type HubEventSink } from './events'

function sinkOn() {
  const engine = createEngine({ log: silentLogger })
  const agents: unknown[] = []
  const statuses: unknown[] = []
  const unreadable: string[] = []
  const known = new Set(['helpcrunch', 'deskdirector'])
  const sink: HubEventSink = {
    context: (source) => (known.has(source) ? engine.contextFor(source) : undefined),
    sources: () => [...known],
    onSourceStatus: (status) => statuses.push(status),
    onAgent: (agent) => agents.push(agent),
    onUnreadable: (reason) => unreadable.push(reason),
  }
  return { engine, sink, agents, statuses, unreadable }
}
const message = (event: string, data: unknown, id = '1') => ({ event, id, data: JSON.stringify(data) })

describe('applying hub stream events', () => {
  it('a snapshot names the agent, replaces the chats of each source and keeps their keys', () => {
    const { engine, sink, agents } = sinkOn()
    const stale = makeChat({ sourceId: 'gone' })
    engine.contextFor('deskdirector').ingest([stale])
    const kept = makeChat({ source: 'helpcrunch', sourceId: '5217453' })
    const agent = { name: 'Mia Novak', me: { helpcrunch: '4188', deskdirector: 'acme~m~7' } }
    applyHubEvent(message('snapshot', { chats: [kept], sources: [], agent, now: 1 }), sink)
    expect(agents).toEqual([agent])
    expect(engine.store.all().map((c) => c.key)).toEqual(['helpcrunch:5217453'])
  })

  it('reads the agent of a hub older than "me" (helpcrunchAgentId), and refuses a snapshot whose "me" is malformed', () => {
    const { sink, agents } = sinkOn()
    const older = { name: 'Mia Novak', helpcrunchAgentId: '4188' }
    applyHubEvent(message('snapshot', { chats: [], sources: [], agent: older, now: 1 }), sink)
    expect(agents).toEqual([{ name: 'Mia Novak', me: { helpcrunch: '4188' } }])
    const broken = { name: 'Mia Novak', me: { helpcrunch: { id: 1 } } }
    expect(() => applyHubEvent(message('snapshot', { chats: [], sources: [], agent: broken, now: 1 }), sink)).toThrow(
      /invalid snapshot event from the hub: agent "me.helpcrunch"/,
    )
  })

  it('applies the hub version even when it is not newer (the hub carries snoozes), and removals', () => {
    const { engine, sink } = sinkOn()
    const chat = makeChat()
    applyHubEvent(message('chat.added', { chat }), sink)
    applyHubEvent(message('chat.changed', { chat: { ...chat, snoozedUntil: 99 } }), sink)
    expect(engine.store.get(chat.key)?.snoozedUntil).toBe(99)
    applyHubEvent(message('chat.removed', { key: chat.key, reason: 'deleted' }), sink)
    expect(engine.store.size).toBe(0)
  })

  it('skips unreadable chats (counted on the status, the stream goes on) and ignores unknown names and sources', () => {
    const { engine, sink, unreadable } = sinkOn()
    engine.contextFor('deskdirector').reportStatus({
      source: 'deskdirector',
      state: 'ok',
      message: null,
      warnings: [],
      lastOkAt: null,
      at: 0,
    })
    applyHubEvent(message('chat.added', { chat: { key: 'x' } }), sink)
    expect(unreadable).toEqual([expect.stringMatching(/^from the team hub: /)])
    const forged = { ...makeChat(), key: 'helpcrunch:1' }
    applyHubEvent(message('chat.added', { chat: forged }), sink)
    applyHubEvent(message('chat.future', { anything: true }), sink)
    applyHubEvent(message('chat.added', { chat: makeChat({ source: 'zendesk', sourceId: '1' }) }), sink)
    expect(engine.store.size).toBe(0)
    const status = engine.statuses().find((s) => s.source === 'deskdirector')
    expect(status?.notices).toEqual([
      { code: 'chat-refused', message: expect.stringContaining('key does not match source and sourceId') },
    ])
    expect(status?.warnings).toEqual([status?.notices?.[0]?.message])
  })

  it('repairs a chat with unreadable secondary fields instead of dropping it, and says so', () => {
    const { engine, sink } = sinkOn()
    const chat = { ...makeChat(), createdAt: 'yesterday', customer: null }
    applyHubEvent(message('chat.added', { chat }), sink)
    const stored = engine.store.get(chat.key)
    expect(stored?.createdAt).toBeNull()
    expect(stored?.customer).toEqual({ name: null, email: null, company: null, phone: null })
    expect(engine.health.get('chats')?.()).toEqual({ repaired: 1, refused: 0 })
  })

  it('keeps the local copy of a chat the snapshot sent unreadable (it is not gone from the hub)', () => {
    const { engine, sink } = sinkOn()
    const chat = makeChat()
    engine.contextFor('deskdirector').ingest([chat])
    const agent = { name: 'Mia Novak', helpcrunchAgentId: null }
    const snapshot = { chats: [{ ...chat, updatedAt: 'now' }], sources: [], agent, now: 1 }
    applyHubEvent(message('snapshot', snapshot), sink)
    expect(engine.store.get(chat.key)).toEqual(chat)
    expect(engine.health.get('chats')?.()).toEqual({ repaired: 0, refused: 1 })
  })

  it("tells a desktop whose clock disagrees with the hub's (from the snapshot's time)", () => {
    const engine = createEngine({ log: silentLogger, now: () => 1_800_000_000_000 })
    engine
      .contextFor('hub')
      .reportStatus({ source: 'hub', state: 'ok', message: null, warnings: [], lastOkAt: null, at: 0 })
    const sink: HubEventSink = {
      context: () => undefined,
      sources: () => [],
      onSourceStatus: () => {},
      onAgent: () => {},
      onUnreadable: () => {},
      onHubClock: (now) => engine.contextFor('hub').observeClock(now),
    }
    const agent = { name: 'Mia Novak', helpcrunchAgentId: null }
    const hubNow = 1_800_000_000_000 + 3 * 3_600_000
    applyHubEvent(message('snapshot', { chats: [], sources: [], agent, now: hubNow }), sink)
    const hub = engine.statuses().find((s) => s.source === 'hub')
    expect(hub?.notices).toEqual([
      { code: 'clock-skew', message: expect.stringMatching(/^This computer's clock is 3 h behind hub's/) },
    ])
  })
})

describe('the team layer on the stream (docs/team.md)', () => {
  const mia = {
    name: 'Mia',
    tier: '1',
    online: true,
    stale: false,
    reachable: true,
    dndUntil: null,
    onShift: null,
    activity: 'active',
    openChat: { key: 'deskdirector:1', at: 5 },
    lastSeen: 5,
  }

  it('passes team.presence on, checked, and refuses a malformed one', () => {
    const { sink } = sinkOn()
    const heard: unknown[] = []
    sink.onPresence = (agents, full) => heard.push({ agents, full })
    applyHubEvent({ event: 'team.presence', id: '', data: JSON.stringify({ agents: [mia], full: true }) }, sink)
    expect(heard).toEqual([{ agents: [mia], full: true }])
    const wrong = { agents: [{ ...mia, tier: '9' }], full: false }
    expect(() => applyHubEvent({ event: 'team.presence', id: '', data: JSON.stringify(wrong) }, sink)).toThrow(
      /invalid team.presence event/,
    )
  })

  it('keeps the claim and the ladder state a chat carries', () => {
    const { engine, sink } = sinkOn()
    const claim = { agent: 'Mia', since: 7 }
    const escalation = { tier: '2' as const, since: 1, dueAt: 61, nextAt: 61, agents: ['Mia', 'Leo'] }
    applyHubEvent(message('chat.added', { chat: makeChat({ claim, escalation }) }), sink)
    expect(engine.store.all()[0]).toMatchObject({ claim, escalation })
  })
})

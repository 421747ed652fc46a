import { describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { createEngine } from '../../core/engine/engine'
import { silentLogger } from '../../core/engine/log'
import { applyHubEvent, type HubEventSink } from './events'

function sinkOn() {
  const engine = createEngine({ log: silentLogger })
  const agents: unknown[] = []
  const statuses: unknown[] = []
  const known = new Set(['helpcrunch', 'deskdirector'])
  const sink: HubEventSink = {
    context: (source) => (known.has(source) ? engine.contextFor(source) : undefined),
    sources: () => [...known],
    onSourceStatus: (status) => statuses.push(status),
    onAgent: (agent) => agents.push(agent),
  }
  return { engine, sink, agents, statuses }
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

  it('refuses malformed events (the stream reconnects) and ignores unknown names and sources', () => {
    const { engine, sink } = sinkOn()
    expect(() => applyHubEvent(message('chat.added', { chat: { key: 'x' } }), sink)).toThrow(/invalid chat.added/)
    const forged = { ...makeChat(), key: 'helpcrunch:1' }
    expect(() => applyHubEvent(message('chat.added', { chat: forged }), sink)).toThrow(/key does not match/)
    applyHubEvent(message('chat.future', { anything: true }), sink)
    applyHubEvent(message('chat.added', { chat: makeChat({ source: 'zendesk', sourceId: '1' }) }), sink)
    expect(engine.store.size).toBe(0)
  })
})

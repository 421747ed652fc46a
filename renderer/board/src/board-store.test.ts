import { describe, expect, it } from 'vitest'
import type { AgentPresence } from '../../../shared/protocol/team'
import { makeChat } from '../../../tests/helpers/chats'
import { setTimeFormat } from '../../src/lib/time-format'
import { applyEvent, EMPTY_BOARD, noteBreaches, queue } from './board-store'
import { presenceWords } from './TeamList'

const NOW = Date.UTC(2026, 0, 5, 9, 30)
const agent = (name: string, over: Partial<AgentPresence> = {}): AgentPresence => ({
  name,
  tier: '1',
  online: true,
  stale: false,
  reachable: true,
  dndUntil: null,
  onShift: true,
  activity: 'active',
  openChat: null,
  lastSeen: NOW,
  ...over,
})

describe('the board follows the stream', () => {
  it('replaces everything on a snapshot and applies changes in order; what it cannot read is counted', () => {
    const a = makeChat({ sourceId: 'a', createdAt: NOW - 10_000 })
    const b = makeChat({ sourceId: 'b', createdAt: NOW - 20_000 })
    let state = applyEvent(
      EMPTY_BOARD,
      'snapshot',
      { chats: [a, { nonsense: true }], sources: [], now: NOW + 2_000 },
      NOW,
    )
    expect([Object.keys(state.chats), state.unreadable, state.skewMs, state.connection]).toEqual([
      [a.key],
      1,
      2_000,
      'live',
    ])
    state = applyEvent(state, 'chat.added', { chat: b }, NOW)
    state = applyEvent(state, 'chat.removed', { key: a.key, reason: 'deleted' }, NOW)
    state = applyEvent(state, 'chat.changed', { chat: 'not a chat' }, NOW)
    expect([Object.keys(state.chats), state.unreadable]).toEqual([[b.key], 2])
    // A newer hub's event the board does not know changes nothing.
    expect(applyEvent(state, 'team.something', {}, NOW)).toBe(state)
  })

  it('takes the whole team on a full presence event, then only who changed', () => {
    let state = applyEvent(EMPTY_BOARD, 'team.presence', { full: true, agents: [agent('Mia'), agent('Leo')] }, NOW)
    state = applyEvent(state, 'team.presence', { full: false, agents: [agent('Leo', { online: false })] }, NOW)
    expect(Object.values(state.team).map((p) => [p.name, p.online])).toEqual([
      ['Mia', true],
      ['Leo', false],
    ])
    state = applyEvent(state, 'team.presence', { full: true, agents: [agent('Ana')] }, NOW)
    expect(Object.keys(state.team)).toEqual(['Ana'])
    expect(applyEvent(state, 'team.presence', { full: true, agents: [{ name: 'x' }] }, NOW).unreadable).toBe(1)
  })

  it('orders the queue by when each first reply is due (its own source target), and remembers breaches by day', () => {
    const soon = makeChat({ source: 'fast', sourceId: '1', createdAt: NOW - 50_000 })
    const later = makeChat({ source: 'slow', sourceId: '2', createdAt: NOW - 100_000 })
    const taken = makeChat({ sourceId: '3', createdAt: NOW - 500_000, handledAt: NOW - 400_000 })
    const chats = Object.fromEntries([soon, later, taken].map((c) => [c.key, c]))
    const waits = queue(chats, (source) => (source === 'fast' ? 60_000 : 300_000))
    expect(waits.map((w) => w.chat.key)).toEqual([soon.key, later.key])
    const breaches = noteBreaches({}, waits, NOW + 10_000, () => 'day-1')
    expect(breaches).toEqual({ [soon.key]: 'day-1' })
    expect(noteBreaches(breaches, waits, NOW + 10_000, () => 'day-1')).toBe(breaches)
  })

  it('says each teammate’s state in words, the do-not-disturb end in the panel’s time format', () => {
    setTimeFormat({ locale: 'en-GB', timeZone: 'UTC' })
    expect(presenceWords(agent('Mia'), NOW)).toEqual(['Online', 'on shift'])
    expect(presenceWords(agent('Mia', { dndUntil: NOW + 3_600_000, onShift: false }), NOW)).toEqual([
      'Online',
      'do not disturb until 10:30',
      'off shift',
    ])
    expect(presenceWords(agent('Mia', { activity: 'locked', onShift: null }), NOW)).toEqual(['Online', 'away (locked)'])
    expect(presenceWords(agent('Mia', { stale: true, lastSeen: NOW - 120_000 }), NOW)).toEqual([
      'Not heard from for 2 min',
    ])
    expect(presenceWords(agent('Mia', { lastSeen: null }), NOW)).toEqual(['Not connected'])
  })
})

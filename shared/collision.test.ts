import { describe, expect, it } from 'vitest'
import { agoSpoken, collisionChips, collisionLine } from './collision'
import type { AgentPresence } from './protocol/team'

const NOW = 1_800_000_000_000
const KEY = 'ticketbox:7'
const agent = (name: string, at: number, over: Partial<AgentPresence> = {}): AgentPresence => ({
  name,
  tier: '1',
  online: true,
  stale: false,
  reachable: true,
  dndUntil: null,
  onShift: null,
  activity: 'active',
  openChat: { key: KEY, at },
  lastSeen: NOW,
  ...over,
})

describe('collision chips', () => {
  it('puts the claim first, then who opened it most recently, and counts the rest', () => {
    const chips = collisionChips(
      { key: KEY, claim: { agent: 'Mia', since: NOW - 20_000 } },
      [agent('Leo', NOW - 60_000), agent('Ivo', NOW - 5_000), agent('Ana', NOW - 90_000), agent('Mia', NOW - 1_000)],
      'Zoe',
      NOW,
    )
    expect(chips.map((c) => c.text)).toEqual([
      'Mia is on it · 20 s',
      'Ivo opened it 5 s ago',
      'Leo opened it 1 min ago',
      '+1 more',
    ])
    expect(chips.map((c) => c.spoken)).toEqual([
      'Mia is on it, claimed 20 seconds ago',
      'Ivo opened it at the help desk 5 seconds ago',
      'Leo opened it at the help desk 1 minute ago',
      'also opened by Ana',
    ])
    expect(collisionLine(chips.slice(0, 2))).toBe('Mia is on it · 20 s · Ivo opened it 5 s ago')
  })

  it('leaves out me, the stale, the offline, another chat and an opening older than five minutes', () => {
    const others = [
      agent('Zoe', NOW - 1_000),
      agent('Leo', NOW - 1_000, { stale: true }),
      agent('Ivo', NOW - 1_000, { online: false }),
      agent('Ana', NOW - 1_000, { openChat: { key: 'ticketbox:8', at: NOW - 1_000 } }),
      agent('Uma', NOW - 5 * 60_000),
    ]
    expect(collisionChips({ key: KEY, claim: null }, others, 'Zoe', NOW)).toEqual([])
    expect(collisionChips({ key: KEY, claim: { agent: 'Zoe', since: NOW - 1_000 } }, [], 'Zoe', NOW)[0]?.text).toBe(
      'You are on it · 1 s',
    )
  })

  it('spells the time out for screen readers, singular and plural', () => {
    expect([1_000, 2_000, 60_000, 120_000, 3_600_000].map((ms) => agoSpoken(NOW - ms, NOW))).toEqual([
      '1 second',
      '2 seconds',
      '1 minute',
      '2 minutes',
      '1 hour',
    ])
  })
})

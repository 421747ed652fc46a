import { describe, expect, it } from 'vitest'
import type { AwaySummary } from '../../../shared/protocol/team'
import { makeChat } from '../../../tests/helpers/chats'
import { EventBus } from '../../core/engine/event-bus'
import { LocalTeam } from '../../core/engine/team-local'
import { trackAway } from './away'

const T0 = 1_767_607_200_000

function setup(startConnected = true) {
  let now = T0
  let connected = startConnected
  let dnd: number | null = null
  const bus = new EventBus()
  const team = new LocalTeam(bus)
  team.dndUntil = () => dnd
  const chats = [makeChat({ sourceId: '1', createdAt: T0 + 10, updatedAt: T0 + 10 })]
  const told: AwaySummary[] = []
  bus.on(['team.away'], (event) => told.push(event.summary))
  const away = trackAway({ team, bus, now: () => now, chats: () => chats, connected: () => connected, settleMs: 0 })
  team.onChange(() => away.check())
  return {
    team,
    told,
    away,
    chats,
    at: (ms: number) => {
      now = T0 + ms
    },
    setConnected: (up: boolean) => {
      connected = up
      away.check()
    },
    setDnd: (until: number | null) => {
      dnd = until
      away.check()
    },
  }
}

describe('while you were away (a desktop following a hub)', () => {
  it('tells once after a suspend what arrived meanwhile, named by the resume', () => {
    const s = setup()
    s.away.check()
    s.team.setActivity('suspended')
    s.at(60_000)
    s.team.setActivity('active')
    expect(s.told).toEqual([
      expect.objectContaining({ reason: 'resume', from: T0, to: T0 + 60_000, text: '1 arrived · 1 still waiting' }),
    ])
    s.team.setActivity('idle') // idle is not away
    expect(s.told).toHaveLength(1)
  })

  it('waits until every cause has ended (locked during do-not-disturb), and names the last', () => {
    const s = setup()
    s.away.check()
    s.setDnd(T0 + 30_000)
    s.team.setActivity('locked')
    s.team.setActivity('active')
    expect(s.told).toEqual([])
    s.at(30_000)
    s.away.check()
    expect(s.told.map((t) => t.reason)).toEqual(['dnd-end'])
  })

  it('tells after a reconnect, but not on the first connection, nor when nothing arrived', () => {
    const s = setup(false)
    s.at(1_000)
    s.setConnected(true) // never connected before: starting up is not being away
    expect(s.told).toEqual([])
    s.setConnected(false)
    s.at(5_000)
    s.setConnected(true)
    expect(s.told).toEqual([]) // the one chat arrived before the desktop went away
    s.setConnected(false)
    s.chats.push(
      makeChat({
        sourceId: '2',
        createdAt: T0 + 6_000,
        updatedAt: T0 + 6_000,
        claim: { agent: 'Mia', since: T0 + 7_000 },
      }),
    )
    s.at(9_000)
    s.setConnected(true)
    expect(s.told.map((t) => [t.reason, t.text])).toEqual([['reconnect', '1 arrived · 1 taken by Mia']])
  })
})

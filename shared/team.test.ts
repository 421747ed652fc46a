import { describe, expect, it } from 'vitest'
import { makeChat } from '../tests/helpers/chats'
import { agoText, awaySummary, conflictText, namesText } from './team'

const T0 = 1_767_607_200_000
const chat = (id: string, overrides: Parameters<typeof makeChat>[0] = {}) =>
  makeChat({ sourceId: id, createdAt: T0 + 1_000, updatedAt: T0 + 1_000, ...overrides })

describe('team words', () => {
  it('says how long ago in whole units, without a locale', () => {
    expect(agoText(T0, T0 + 4_900)).toBe('4 s')
    expect(agoText(T0, T0 + 61_000)).toBe('1 min')
    expect(agoText(T0, T0 + 2 * 3_600_000)).toBe('2 h')
    expect(agoText(T0 + 5, T0)).toBe('0 s')
    expect(conflictText({ agent: 'Mia', since: T0 }, T0 + 4_000)).toBe('Mia took it 4 s ago')
    expect(namesText(['Mia', 'Leo', 'Ana'])).toBe('Mia, Leo and Ana')
  })
})

describe('while you were away', () => {
  const span = { from: T0, to: T0 + 600_000, reason: 'resume' as const }

  it('counts what arrived, who took it, and what still waits with nobody on it', () => {
    const chats = [
      chat('1', { claim: { agent: 'Mia', since: T0 + 2_000 } }),
      chat('2', { state: 'active', assignee: { id: '9', name: 'Leo', email: null } }),
      chat('3'),
      chat('4', { claim: { agent: 'Mia', since: T0 + 3_000 } }),
      chat('5', { createdAt: T0 - 1 }), // arrived before the agent left
      chat('6', { state: 'closed' }), // answered and closed by nobody named: not news
    ]
    const summary = awaySummary(chats, span)
    expect(summary).toEqual({
      ...span,
      arrived: 4,
      taken: 3,
      takenBy: ['Mia', 'Leo'],
      stillWaiting: ['deskdirector:3'],
      text: '4 arrived · 3 taken by Mia and Leo · 1 still waiting',
    })
  })

  it('says nothing when nothing arrived, and uses the ladder start when the hub gives one', () => {
    expect(awaySummary([chat('5', { createdAt: T0 - 1 })], span)).toBeNull()
    const reopened = chat('7', {
      createdAt: T0 - 86_400_000,
      escalation: { tier: '1', since: T0 + 5_000, dueAt: T0 + 65_000, nextAt: null, agents: ['Mia'] },
    })
    expect(awaySummary([reopened], span)?.text).toBe('1 arrived · 1 still waiting')
  })
})

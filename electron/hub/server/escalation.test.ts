import { describe, expect, it } from 'vitest'
import { escalationAt, type LadderAgent } from './escalation'

const T0 = 1_767_607_200_000
const TARGET = 60_000
const team = (reachable: Record<string, boolean>): LadderAgent[] => [
  { name: 'Mia', tier: '1', reachable: reachable.Mia ?? true },
  { name: 'Tom', tier: '1', reachable: reachable.Tom ?? true },
  { name: 'Leo', tier: '2', reachable: reachable.Leo ?? true },
  { name: 'Ana', tier: 'lead', reachable: reachable.Ana ?? true },
]

describe('escalationAt', () => {
  it('climbs tier 1 → 2 at 80 % of the target → lead at the target, adding each tier', () => {
    expect(escalationAt(T0, TARGET, T0, team({}))).toEqual({
      tier: '1',
      since: T0,
      dueAt: T0 + TARGET,
      nextAt: T0 + 48_000,
      agents: ['Mia', 'Tom'],
    })
    expect(escalationAt(T0, TARGET, T0 + 47_999, team({})).tier).toBe('1')
    expect(escalationAt(T0, TARGET, T0 + 48_000, team({}))).toMatchObject({
      tier: '2',
      nextAt: T0 + TARGET,
      agents: ['Mia', 'Tom', 'Leo'],
    })
    expect(escalationAt(T0, TARGET, T0 + TARGET, team({}))).toMatchObject({
      tier: 'lead',
      nextAt: null,
      agents: ['Mia', 'Tom', 'Leo', 'Ana'],
    })
  })

  it('skips the unreachable, passes an empty tier at once, and alerts everyone when nobody is reachable', () => {
    expect(escalationAt(T0, TARGET, T0, team({ Mia: false })).agents).toEqual(['Tom'])
    expect(escalationAt(T0, TARGET, T0, team({ Mia: false, Tom: false }))).toMatchObject({
      tier: '2',
      agents: ['Leo'],
      nextAt: T0 + TARGET,
    })
    expect(escalationAt(T0, TARGET, T0, team({ Mia: false, Tom: false, Leo: false }))).toMatchObject({
      tier: 'lead',
      agents: ['Ana'],
    })
    const nobody = team({ Mia: false, Tom: false, Leo: false, Ana: false })
    expect(escalationAt(T0, TARGET, T0, nobody)).toMatchObject({
      tier: 'lead',
      agents: ['Mia', 'Tom', 'Leo', 'Ana'],
      nextAt: null,
    })
  })
})

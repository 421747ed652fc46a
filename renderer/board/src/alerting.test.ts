import { describe, expect, it } from 'vitest'
import type { ChatEscalation } from '../../../shared/chat'
import type { AgentPresence } from '../../../shared/protocol/team'
import { alerting } from './alerting'

const agent = (name: string, tier: AgentPresence['tier'], reachable = true): AgentPresence => ({
  name,
  tier,
  online: reachable,
  stale: false,
  reachable,
  dndUntil: null,
  onShift: true,
  activity: 'active',
  openChat: null,
  lastSeen: 0,
})
const ladder = (tier: ChatEscalation['tier'], everyone = false): ChatEscalation => ({
  tier,
  since: 0,
  dueAt: 60_000,
  nextAt: null,
  everyone,
})
const TEAM = [agent('Mia', '1'), agent('Leo', '2'), agent('Ana', '1', false), agent('Sam', 'lead')]

describe('the board names whom the ladder alerts', () => {
  it('names the reachable agents of every tier reached, not the unreachable or the tiers above', () => {
    expect(alerting(ladder('1'), TEAM)).toBe('tier 1: Mia')
    expect(alerting(ladder('2'), TEAM)).toBe('tier 2: Leo, Mia')
    expect(alerting(ladder('lead'), TEAM)).toBe('lead: Leo, Mia, Sam')
  })

  it('says so when nobody is reachable, and names everyone when the hub alerts everyone', () => {
    expect(alerting(ladder('1'), [agent('Ana', '1', false)])).toBe('tier 1: nobody reachable')
    expect(alerting(ladder('lead', true), [agent('Ana', '1', false), agent('Leo', '2', false)])).toBe(
      'everyone (nobody reachable): Ana, Leo',
    )
  })
})

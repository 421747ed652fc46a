/** The board's "Alerting" cell: whom the escalation ladder alerts for a chat right now. */
import { type ChatEscalation, tierAlerted } from '../../../shared/chat'
import type { AgentPresence } from '../../../shared/protocol/team'

const TIER_WORDS = { '1': 'tier 1', '2': 'tier 2', lead: 'lead' } as const

/**
 * Whom the ladder alerts now: "tier 2: Ana, Leo". The hub sends the tier reached, not names (a few bytes per chat for
 * any team size); the names are the reachable agents of the tiers reached, from the team's presence.
 */
export function alerting(escalation: ChatEscalation, team: readonly AgentPresence[]): string {
  const names = team
    .filter((agent) => (escalation.everyone || agent.reachable) && tierAlerted(escalation, agent.tier))
    .map((agent) => agent.name)
    .sort()
  const reached = escalation.everyone ? 'everyone (nobody reachable)' : TIER_WORDS[escalation.tier]
  return `${reached}: ${names.join(', ') || 'nobody reachable'}`
}

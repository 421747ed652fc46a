/**
 * Who on the team is reachable: each agent of the tokens file with their tier and, in words, whether they are
 * online, on shift, in do-not-disturb or away, and which chat they have open at the help desk. From the hub's
 * `team.presence`; an agent none of whose desktops reported lately is "not heard from".
 */
import type { AgentPresence } from '../../../shared/protocol/team'
import { agoText } from '../../../shared/team'
import { timeOfDay } from '../../src/lib/time-format'
import { useBoard } from './board-store'

const TIER_WORDS: Record<AgentPresence['tier'], string> = { '1': 'Tier 1', '2': 'Tier 2', lead: 'Lead' }

/** The words for one agent's state at `now`, most important first. */
export function presenceWords(agent: AgentPresence, now: number): string[] {
  if (agent.lastSeen === null) return ['Not connected']
  if (agent.stale) return [`Not heard from for ${agoText(agent.lastSeen, now)}`]
  if (!agent.online) return ['Offline']
  const words = ['Online']
  if (agent.dndUntil !== null && agent.dndUntil > now) words.push(`do not disturb until ${timeOfDay(agent.dndUntil)}`)
  if (agent.onShift === false) words.push('off shift')
  if (agent.onShift === true) words.push('on shift')
  if (agent.activity === 'locked' || agent.activity === 'suspended') words.push(`away (${agent.activity})`)
  if (agent.activity === 'idle') words.push('idle')
  return words
}

/** The team section. */
export function TeamList({ now, titleOf }: { now: number; titleOf: (key: string) => string | null }) {
  const team = useBoard((s) => s.team)
  const agents = Object.values(team).sort((a, b) => a.name.localeCompare(b.name, 'en'))
  return (
    <section aria-labelledby="board-team-title" className="board-team">
      <h2 id="board-team-title">Team</h2>
      {agents.length === 0 ? (
        <p className="empty">No desktop has reported yet.</p>
      ) : (
        <ul>
          {agents.map((agent) => {
            const open = agent.openChat ? titleOf(agent.openChat.key) : null
            return (
              <li key={agent.name} className={agent.reachable ? 'reachable' : 'unreachable'}>
                <span className="board-agent">{agent.name}</span>{' '}
                <span className="board-tier">{TIER_WORDS[agent.tier]}</span>
                <br />
                <span>{presenceWords(agent, now).join(' · ')}</span>
                <span>
                  {agent.reachable ? ' · reachable' : agent.lastSeen !== null ? ' · not reachable (not alerted)' : ''}
                </span>
                {open && agent.openChat && (
                  <>
                    <br />
                    <span>
                      Opened {open} {agoText(agent.openChat.at, now)} ago
                    </span>
                  </>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

/**
 * The escalation ladder as a pure function (docs/team.md, "Escalation"): tier 1 from the moment a chat needs
 * attention, tier 2 from 80 % of its first-response target, the leads from the target. A tier with nobody
 * reachable is passed at once; with nobody reachable at all, everyone is alerted (nobody waits unseen).
 */
import type { ChatEscalation, Tier } from '../../../shared/chat'

/** One agent as the ladder sees them. */
export interface LadderAgent {
  name: string
  tier: Tier
  reachable: boolean
}

/** Share of the first-response target after which tier 2 is alerted. */
export const TIER_2_AT = 0.8

const STEPS: readonly Tier[] = ['1', '2', 'lead']

/** The ladder's state at `now` for a chat needing attention since `since`, with a target of `targetMs`. */
export function escalationAt(
  since: number,
  targetMs: number,
  now: number,
  agents: readonly LadderAgent[],
): ChatEscalation {
  const times = [since, since + Math.round(targetMs * TIER_2_AT), since + targetMs]
  let reached = 0
  while (reached < 2 && (times[reached + 1] as number) <= now) reached++
  const alerted = (upTo: number) =>
    agents.filter((a) => a.reachable && STEPS.indexOf(a.tier) <= upTo).map((a) => a.name)
  let names = alerted(reached)
  // Nobody reachable in the tiers reached so far: the next tier at once.
  while (names.length === 0 && reached < 2) names = alerted(++reached)
  if (names.length === 0) names = agents.map((a) => a.name)
  return {
    tier: STEPS[reached] as Tier,
    since,
    dueAt: since + targetMs,
    nextAt: reached < 2 ? (times[reached + 1] as number) : null,
    agents: names,
  }
}

/** True when two ladder states alert the same people at the same step (a change worth publishing). */
export function sameEscalation(a: ChatEscalation | null | undefined, b: ChatEscalation | null | undefined): boolean {
  if (!a || !b) return !a && !b
  return (
    a.tier === b.tier &&
    a.since === b.since &&
    a.dueAt === b.dueAt &&
    a.nextAt === b.nextAt &&
    a.agents.length === b.agents.length &&
    a.agents.every((name, i) => name === b.agents[i])
  )
}

/**
 * The team's presence on the hub (docs/team.md, "Presence"): each agent's latest report, judged at `now`
 * (stale after `staleAfterMs` without one, shifts from the tokens file, an expired DND or open chat dropped).
 * Only what changed is told (`onChange`): a heartbeat that changes nothing costs the other desktops nothing.
 * A sweep every few seconds finds the agents who went stale or whose shift, DND or open chat ended.
 */

import { type AgentPresence, OPEN_CHAT_MS, type PresenceReport } from '../../../shared/protocol/team'
import { inShift } from '../../../shared/shifts'
import type { TeamStore } from './team-store'
import type { TeamMember } from './tokens'

/** What presence needs. */
export interface PresenceDeps {
  store: TeamStore
  /** The agents of the tokens file (names come only from there). */
  members(): TeamMember[]
  now(): number
  staleAfterMs: number
  /** Hears the agents whose presence changed. */
  onChange(changed: AgentPresence[]): void
}

/** The team's presence. */
export interface Presence {
  /** Takes one agent's report (the token's agent; a name not in the tokens file is ignored). */
  report(name: string, report: PresenceReport): void
  /** Judges everyone again at `now` and tells what changed (the sweep, and after the tokens file changed). */
  sweep(): void
  /** The whole team now. */
  all(): AgentPresence[]
}

/** Creates the presence of a team. */
export function createPresence(deps: PresenceDeps): Presence {
  /** What was last told per agent (to tell only changes). */
  const told = new Map<string, AgentPresence>()
  const judge = (member: TeamMember, now: number): AgentPresence => {
    const stored = deps.store.reportOf(member.name)
    const report = stored?.report
    const stale = stored !== undefined && now - stored.at > deps.staleAfterMs
    const online = report?.online === true && !stale
    const onShift = member.shifts ? inShift(member.shifts, now) : (report?.onShift ?? null)
    const dndUntil = report?.dndUntil != null && report.dndUntil > now ? report.dndUntil : null
    const activity = report?.activity ?? 'active'
    const openChat = report?.openChat && now - report.openChat.at < OPEN_CHAT_MS ? report.openChat : null
    const away = activity === 'locked' || activity === 'suspended'
    return {
      name: member.name,
      tier: member.tier,
      online,
      stale,
      reachable: online && onShift !== false && dndUntil === null && !away,
      dndUntil,
      onShift,
      activity,
      openChat,
      lastSeen: stored?.at ?? null,
    }
  }
  const judgeAll = (only?: string): AgentPresence[] => {
    const now = deps.now()
    const changed: AgentPresence[] = []
    const names = new Set<string>()
    for (const member of deps.members()) {
      names.add(member.name)
      if (only !== undefined && member.name !== only) continue
      const next = judge(member, now)
      const before = told.get(member.name)
      told.set(member.name, next)
      // An agent who never reported is news only when they do (a stream's whole-team frame lists them).
      if (before ? !samePresence(before, next) : next.lastSeen !== null) changed.push(next)
    }
    // Removed from the tokens file: gone from the team.
    if (only === undefined) for (const name of told.keys()) if (!names.has(name)) told.delete(name)
    return changed
  }
  const tell = (changed: AgentPresence[]) => {
    if (changed.length > 0) deps.onChange(changed)
  }
  return {
    report(name, report) {
      if (!deps.members().some((m) => m.name === name)) return
      deps.store.report(name, { report, at: deps.now() })
      tell(judgeAll(name))
    },
    sweep: () => tell(judgeAll()),
    all() {
      const now = deps.now()
      return deps.members().map((member) => told.get(member.name) ?? judge(member, now))
    },
  }
}

/** Equal in everything but `lastSeen` (a heartbeat alone is not news). */
function samePresence(a: AgentPresence, b: AgentPresence): boolean {
  return (
    a.tier === b.tier &&
    a.online === b.online &&
    a.stale === b.stale &&
    a.reachable === b.reachable &&
    a.dndUntil === b.dndUntil &&
    a.onShift === b.onShift &&
    a.activity === b.activity &&
    a.openChat?.key === b.openChat?.key &&
    a.openChat?.at === b.openChat?.at
  )
}

/**
 * Where the hub keeps the team's shared state, claims and presence reports, behind one small interface so another
 * backend (Redis, docs/scaling.md) can hold it for several hubs. The claim is the one compare-and-set: `claim`
 * must be atomic in the backend (a Redis `SET NX`); reads come from a local mirror so stamping a chat never waits.
 * The default keeps everything in memory: a restarted hub starts with no claims (chats are claimed again).
 */
import type { ChatClaim } from '../../../shared/chat'
import type { PresenceReport } from '../../../shared/protocol/team'

/** A presence report as kept: the report and when the hub received it (epoch ms). */
export interface StoredReport {
  report: PresenceReport
  at: number
}

/** The answer of a claim attempt: set, or the claim someone else holds. */
export type ClaimAttempt = { ok: true; claim: ChatClaim } | { ok: false; held: ChatClaim }

/** The team's shared state. */
export interface TeamStore {
  /** Sets `claim` on `key` unless another agent holds one (the same agent's stays as it was). Atomic. */
  claim(key: string, claim: ChatClaim): Promise<ClaimAttempt>
  /** Drops the claim of `key` (only `agent`'s, when given). */
  release(key: string, agent?: string): Promise<void>
  /** The claim held on `key` now (the local mirror). */
  claimOf(key: string): ChatClaim | undefined
  /** How many claims are held. */
  claimCount(): number
  /** Keeps an agent's latest presence report. */
  report(name: string, stored: StoredReport): void
  /** The latest report of an agent. */
  reportOf(name: string): StoredReport | undefined
}

/** The in-memory store (one hub). */
export function createMemoryTeamStore(): TeamStore {
  const claims = new Map<string, ChatClaim>()
  const reports = new Map<string, StoredReport>()
  return {
    async claim(key, claim) {
      // No await before the set: in one process this check-and-set cannot interleave with another.
      const held = claims.get(key)
      if (held && held.agent !== claim.agent) return { ok: false, held }
      if (held) return { ok: true, claim: held }
      claims.set(key, claim)
      return { ok: true, claim }
    },
    async release(key, agent) {
      if (agent === undefined || claims.get(key)?.agent === agent) claims.delete(key)
    },
    claimOf: (key) => claims.get(key),
    claimCount: () => claims.size,
    report: (name, stored) => void reports.set(name, stored),
    reportOf: (name) => reports.get(name),
  }
}

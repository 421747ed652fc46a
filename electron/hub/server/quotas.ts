/**
 * Each token's share of the hub's commands: a budget per minute (with a small burst) and a cap on commands in
 * flight at once. The help desk's request budget is the team's; without this, one desktop looping
 * `agents.list` would take all of it and starve the polling everyone's alerts depend on. A refused command
 * is answered `rate_limited` with the time to wait; the hub logs it once per episode and `/health` lists it.
 */
import type { Logger } from '../../core/engine/log'
import type { Caller } from './auth'

/** Options of the quotas. */
export interface QuotaOptions {
  /** Commands one token may run per minute; a third of it (at least 1) may come at once. */
  perMinute: number
  /** Commands of one token running at the same time. */
  concurrency: number
  log: Logger
  now?: () => number
}

/** A taken slot, or why not and for how long. */
export type QuotaAnswer = { ok: true; release(): void } | { ok: false; retryAfterMs: number; message: string }

/** The per-token quotas of the command route. */
export interface CommandQuotas {
  /** Takes a slot for one command of `caller`; release it when the command is answered. */
  take(caller: Caller): QuotaAnswer
  /** Counters and the agents refused in the last minute, for `/health`. */
  health(): { refused: number; throttled: { agent: string; refused: number; lastAt: number }[] }
}

/** How long after its last refusal an agent is still listed as throttled (ms). */
const LISTED_MS = 60_000
/** The wait given to a token at its concurrency cap (a command of it ends soon). */
const BUSY_RETRY_MS = 1_000

interface Share {
  agent: string
  tokens: number
  at: number
  inFlight: number
  /** Refusals in the current episode; 0 when not throttled. */
  refused: number
  lastRefusedAt: number
}

/** Creates the quotas. */
export function createCommandQuotas(options: QuotaOptions): CommandQuotas {
  const now = options.now ?? Date.now
  const burst = Math.max(1, Math.ceil(options.perMinute / 3))
  const perMs = options.perMinute / 60_000
  const shares = new Map<string, Share>()
  let refusedTotal = 0

  const shareOf = (caller: Caller): Share => {
    const at = now()
    let share = shares.get(caller.key)
    if (!share) {
      share = { agent: caller.agent.name, tokens: burst, at, inFlight: 0, refused: 0, lastRefusedAt: 0 }
      shares.set(caller.key, share)
    }
    share.tokens = Math.min(burst, share.tokens + (at - share.at) * perMs)
    share.at = at
    share.agent = caller.agent.name
    return share
  }
  const refuse = (share: Share, retryAfterMs: number, message: string): QuotaAnswer => {
    refusedTotal++
    if (share.refused === 0)
      options.log.warn('hub: commands of one token throttled (too many); the rest of the team is unaffected', {
        agent: share.agent,
        retryAfterMs,
      })
    share.refused++
    share.lastRefusedAt = now()
    return { ok: false, retryAfterMs, message }
  }

  return {
    take(caller) {
      const share = shareOf(caller)
      if (share.refused > 0 && share.tokens >= burst && now() - share.lastRefusedAt > LISTED_MS) share.refused = 0
      if (share.inFlight >= options.concurrency)
        return refuse(share, BUSY_RETRY_MS, `this desktop already has ${share.inFlight} commands running on the hub`)
      if (share.tokens < 1) {
        const wait = Math.ceil((1 - share.tokens) / perMs)
        return refuse(share, wait, `this desktop sent too many commands; try again in ${Math.ceil(wait / 1000)} s`)
      }
      share.tokens -= 1
      share.inFlight++
      let released = false
      return {
        ok: true,
        release() {
          if (released) return
          released = true
          share.inFlight--
        },
      }
    },
    health() {
      const at = now()
      const throttled = [...shares.values()]
        .filter((s) => s.refused > 0 && at - s.lastRefusedAt <= LISTED_MS)
        .map((s) => ({ agent: s.agent, refused: s.refused, lastAt: s.lastRefusedAt }))
      return { refused: refusedTotal, throttled }
    },
  }
}

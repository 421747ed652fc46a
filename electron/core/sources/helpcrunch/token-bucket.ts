/**
 * The ONE request budget of the HelpCrunch organisation (120 requests/minute by default), shared by
 * polling and quick actions. A floor of it is reserved for polling (`pollReserve`, a quarter): actions never
 * take more than the rest of a minute, and while both wait they share in proportion (`nextIndex`), so a loop
 * of commands cannot starve the polling that finds new chats. Otherwise queued actions go first.
 *
 * Sizing: capacity C = perMinute/20 (at least 1) and refill (perMinute − C) per minute, so no sliding
 * minute ever holds more than C + (perMinute − C) = perMinute grants — HelpCrunch counts a sliding
 * window, and a plain bucket of capacity perMinute would allow twice the limit across a boundary.
 * Every wait is capped (`MAX_WAIT_MS`), so no timer overflows and no pause outlives ten minutes.
 * Over 200 lines on purpose: the queue, the shares, the pause and the starvation watch read one set of counters.
 */
import { MAX_WAIT_MS } from '../backoff'
import { type Clock, systemClock } from './clock'
import { HelpCrunchError } from './errors'

/** Who is asking: a user's quick action (or a command), or background polling. */
export type RequestPriority = 'action' | 'poll'

/** A poll has waited this long for budget (outside a server-asked pause): polls are starved. */
export const STARVED_AFTER_MS = 30_000
const WINDOW_MS = 60_000

/** Requests per minute kept for polling out of `perMinute`: a quarter, at least 3, always leaving actions one. */
export function pollReserve(perMinute: number): number {
  const budget = Math.max(1, Math.floor(perMinute))
  return Math.min(budget - 1, Math.max(3, Math.ceil(budget / 4)))
}

/** What the bucket says while polls are starved (null once they are served again). */
export interface Starvation {
  /** How long the oldest queued poll has waited. */
  waitedMs: number
  /** Actions granted in the last minute, and the budget they came out of. */
  actionsLastMinute: number
  perMinute: number
}

interface Waiter {
  priority: RequestPriority
  since: number
  resolve: () => void
  reject: (error: Error) => void
  deadline: unknown
}

/** A token bucket with a priority queue, a floor reserved for polls, and at most one pending timer. */
export class TokenBucket {
  private capacity = 1
  private refillPerMs = 0
  private perMinute = 1
  private tokens = 0
  private updatedAt: number
  private pausedUntil = 0
  private readonly waiters: Waiter[] = []
  /** When each action, and each poll, of the last minute was granted (at most `perMinute` entries each). */
  private readonly actionGrants: number[] = []
  private readonly pollGrants: number[] = []
  private timer: unknown = null
  private starved = false

  constructor(
    perMinute: number,
    private readonly clock: Clock = systemClock,
    /** Told when polls become starved (with the facts) and when they are served again (null). */
    private readonly onStarvation: (starvation: Starvation | null) => void = () => {},
  ) {
    this.updatedAt = clock.now()
    this.setRate(perMinute)
    this.tokens = this.capacity
  }

  /** Changes the budget at run time (settings changed). */
  setRate(perMinute: number): void {
    this.refill()
    const budget = Math.max(1, Math.floor(perMinute))
    this.perMinute = budget
    this.capacity = Math.max(1, Math.floor(budget / 20))
    this.refillPerMs = Math.max(1, budget - this.capacity) / 60_000
    this.tokens = Math.min(this.tokens, this.capacity)
    this.reschedule()
  }

  /**
   * Waits for a token. Actions jump ahead of polls, up to their share of the minute. With `maxWaitMs`, gives up
   * with a `budget` error (this desktop's own pacing, not HelpCrunch's limit) instead of waiting longer (a user
   * should not stare at a spinner for a minute); while HelpCrunch's own 429 pause outlasts it, with `rate-limited`.
   */
  take(priority: RequestPriority, maxWaitMs?: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const now = this.clock.now()
      // HelpCrunch asked for a longer pause than this caller may wait: say so at once, with when it ends.
      if (maxWaitMs !== undefined && this.pausedUntil - now > maxWaitMs) {
        const retryAfterMs = this.pausedUntil - now
        const seconds = Math.ceil(retryAfterMs / 1000)
        reject(
          new HelpCrunchError('rate-limited', `HelpCrunch asked to wait; try again in ${seconds} s`, { retryAfterMs }),
        )
        return
      }
      const waiter: Waiter = { priority, since: now, resolve, reject, deadline: null }
      if (maxWaitMs !== undefined) {
        waiter.deadline = this.clock.setTimeout(
          () => {
            this.drop(waiter)
            reject(new HelpCrunchError('budget', "this desktop's request budget is used up; try again shortly"))
          },
          Math.min(maxWaitMs, MAX_WAIT_MS),
        )
      }
      this.waiters.push(waiter)
      this.serve()
    })
  }

  /** Holds every request until `ms` from now (at most `MAX_WAIT_MS`) and empties the bucket (the server said 429). */
  pause(ms: number): void {
    this.refill()
    this.tokens = 0
    const capped = Math.min(Math.max(0, ms), MAX_WAIT_MS)
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + capped)
    this.reschedule()
  }

  /**
   * When the bucket can grant again after a server-asked pause (epoch ms): the pause's end plus the time to the
   * first token (nothing accrues while paused). Null when not paused.
   */
  get resumesAt(): number | null {
    const now = this.clock.now()
    if (this.pausedUntil <= now) return null
    return this.pausedUntil + Math.ceil(Math.max(0, 1 - this.tokens) / this.refillPerMs)
  }

  /** Rejects every queued request (the source stopped). */
  close(reason: Error): void {
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.deadline !== null) this.clock.clearTimeout(waiter.deadline)
      waiter.reject(reason)
    }
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  /** Number of queued requests. */
  get queued(): number {
    return this.waiters.length
  }

  private serve(): void {
    this.refill()
    const now = this.clock.now()
    while (this.waiters.length > 0 && this.tokens >= 1 && now >= this.pausedUntil) {
      const index = this.nextIndex(now)
      if (index === -1) break
      const [waiter] = this.waiters.splice(index, 1)
      if (!waiter) break
      this.tokens -= 1
      ;(waiter.priority === 'action' ? this.actionGrants : this.pollGrants).push(now)
      if (waiter.deadline !== null) this.clock.clearTimeout(waiter.deadline)
      waiter.resolve()
    }
    this.noteStarvation(now)
    this.reschedule()
  }

  /**
   * The waiter to serve next. Actions go first — a user is waiting — but only within their share of the minute,
   * and when polls wait too, whichever kind has used the smaller part of its share goes: under a loop of
   * actions, polls keep about a quarter of the grants (their reserve) instead of waiting for the loop to end.
   */
  private nextIndex(now: number): number {
    for (const grants of [this.actionGrants, this.pollGrants])
      while (grants.length > 0 && (grants[0] as number) <= now - WINDOW_MS) grants.shift()
    const poll = this.waiters.findIndex((w) => w.priority === 'poll')
    const share = this.actionShare()
    const action = this.actionGrants.length < share ? this.waiters.findIndex((w) => w.priority === 'action') : -1
    if (action === -1) return poll
    if (poll === -1) return action
    const pollsUsed = this.pollGrants.length / Math.max(1, pollReserve(this.perMinute))
    return pollsUsed < this.actionGrants.length / share ? poll : action
  }

  /** How many actions a sliding minute may grant: the budget less the polls' reserve. */
  private actionShare(): number {
    return this.perMinute - pollReserve(this.perMinute)
  }

  private noteStarvation(now: number): void {
    const oldestPoll = this.waiters.find((w) => w.priority === 'poll')
    const waited = oldestPoll ? now - Math.max(oldestPoll.since, Math.min(now, this.pausedUntil)) : 0
    const starved = waited >= STARVED_AFTER_MS
    if (starved === this.starved) return
    this.starved = starved
    this.onStarvation(
      starved ? { waitedMs: waited, actionsLastMinute: this.actionGrants.length, perMinute: this.perMinute } : null,
    )
  }

  private reschedule(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    if (this.waiters.length === 0) return
    const now = this.clock.now()
    const untilToken = this.tokens >= 1 ? 0 : (1 - this.tokens) / this.refillPerMs
    // Only actions wait, and they have used their share of the minute: wake when the oldest grant leaves it.
    const actionsCapped =
      this.actionGrants.length >= this.actionShare() && !this.waiters.some((w) => w.priority === 'poll')
    const untilActionSlot = actionsCapped ? (this.actionGrants[0] as number) + WINDOW_MS - now : 0
    let wait = Math.max(this.pausedUntil - now, untilToken, untilActionSlot, 1)
    // Wake up in time to say that polls are starved, even when nothing else would wake the bucket.
    const oldestPoll = this.waiters.find((w) => w.priority === 'poll')
    // (A server-asked pause does not count: waiting is measured from its end.)
    if (oldestPoll && !this.starved) {
      const starvedAt = Math.max(oldestPoll.since, this.pausedUntil) + STARVED_AFTER_MS
      wait = Math.min(wait, Math.max(1, starvedAt - now))
    }
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null
        this.serve()
      },
      Math.ceil(Math.min(wait, MAX_WAIT_MS)),
    )
  }

  private refill(): void {
    const now = this.clock.now()
    // Tokens do not accrue while paused: the server asked us to back off, not to bank requests for later.
    const from = Math.max(this.updatedAt, Math.min(now, this.pausedUntil))
    if (now > from) this.tokens = Math.min(this.capacity, this.tokens + (now - from) * this.refillPerMs)
    this.updatedAt = now
  }

  private drop(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter)
    if (index !== -1) this.waiters.splice(index, 1)
    this.reschedule()
  }
}

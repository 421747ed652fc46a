/**
 * The ONE request budget of the HelpCrunch organisation (120 requests/minute by default), shared by
 * polling and quick actions; queued quick actions are always served before queued polls.
 *
 * Sizing: capacity C = perMinute/20 (at least 1) and refill (perMinute − C) per minute, so no sliding
 * minute ever holds more than C + (perMinute − C) = perMinute grants — HelpCrunch counts a sliding
 * window, and a plain bucket of capacity perMinute would allow twice the limit across a boundary.
 */
import { type Clock, systemClock } from './clock'
import { HelpCrunchError } from './errors'

/** Who is asking: a user's quick action, or background polling. */
export type RequestPriority = 'action' | 'poll'

interface Waiter {
  priority: RequestPriority
  resolve: () => void
  reject: (error: Error) => void
  deadline: unknown
}

/** A token bucket with a priority queue and at most one pending timer. */
export class TokenBucket {
  private capacity = 1
  private refillPerMs = 0
  private tokens = 0
  private updatedAt: number
  private pausedUntil = 0
  private readonly waiters: Waiter[] = []
  private timer: unknown = null

  constructor(
    perMinute: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.updatedAt = clock.now()
    this.setRate(perMinute)
    this.tokens = this.capacity
  }

  /** Changes the budget at run time (settings changed). */
  setRate(perMinute: number): void {
    this.refill()
    const budget = Math.max(1, Math.floor(perMinute))
    this.capacity = Math.max(1, Math.floor(budget / 20))
    this.refillPerMs = Math.max(1, budget - this.capacity) / 60_000
    this.tokens = Math.min(this.tokens, this.capacity)
    this.reschedule()
  }

  /**
   * Waits for a token. Actions jump ahead of polls. With `maxWaitMs`, gives up with a `budget`
   * error instead of waiting longer (a user should not stare at a spinner for a minute).
   */
  take(priority: RequestPriority, maxWaitMs?: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, resolve, reject, deadline: null }
      if (maxWaitMs !== undefined) {
        waiter.deadline = this.clock.setTimeout(() => {
          this.drop(waiter)
          reject(new HelpCrunchError('budget', "this desktop's request budget is used up; try again shortly"))
        }, maxWaitMs)
      }
      this.waiters.push(waiter)
      this.serve()
    })
  }

  /** Holds every request until `ms` from now and empties the bucket (the server said 429). */
  pause(ms: number): void {
    this.refill()
    this.tokens = 0
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms)
    this.reschedule()
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
    while (this.waiters.length > 0 && this.tokens >= 1 && this.clock.now() >= this.pausedUntil) {
      const index = this.waiters.findIndex((w) => w.priority === 'action')
      const [waiter] = this.waiters.splice(index === -1 ? 0 : index, 1)
      if (!waiter) break
      this.tokens -= 1
      if (waiter.deadline !== null) this.clock.clearTimeout(waiter.deadline)
      waiter.resolve()
    }
    this.reschedule()
  }

  private reschedule(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    if (this.waiters.length === 0) return
    const now = this.clock.now()
    const untilToken = this.tokens >= 1 ? 0 : (1 - this.tokens) / this.refillPerMs
    const wait = Math.max(this.pausedUntil - now, untilToken, 1)
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.serve()
    }, Math.ceil(wait))
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

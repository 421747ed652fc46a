/**
 * This desktop's share of the organisation's request budget, adapted to what HelpCrunch says (AIMD):
 * every desktop and integration of the organisation draws on the same limit (docs/helpcrunch.md), so a
 * 429 means others need room. Each 429 halves the rate (multiplicative decrease; 429s within
 * `QUIET_MS` of a decrease count as the same congestion), and every minute without one adds back a
 * twentieth of the configured rate (additive increase) until the configured ceiling is reached again.
 * Evaluated lazily from the clock: no timer of its own.
 */
import type { Clock } from './clock'

/** 429s this close after a decrease belong to the same congestion (requests already in flight). */
const QUIET_MS = 10_000
const INCREASE_EVERY_MS = 60_000
/** Never below this many requests per minute (one poll every 15 s plus a reconcile needs about 6). */
const FLOOR_PER_MINUTE = 6

/** The current rate and how it compares with the configured ceiling. */
export interface RateState {
  requestsPerMinute: number
  configuredPerMinute: number
}

/** Additive-increase, multiplicative-decrease rate with a configured ceiling. */
export class AdaptiveRate {
  private ceiling: number
  private rate: number
  /** When the rate last went down, or last grew a step. */
  private changedAt = Number.NEGATIVE_INFINITY
  private decreasedAt = Number.NEGATIVE_INFINITY

  constructor(
    configuredPerMinute: number,
    private readonly clock: Clock,
  ) {
    this.ceiling = Math.max(1, configuredPerMinute)
    this.rate = this.ceiling
  }

  /** The rate to use now (requests per minute). */
  current(): number {
    const now = this.clock.now()
    if (this.rate < this.ceiling && now - this.changedAt >= INCREASE_EVERY_MS) {
      const steps = Math.floor((now - this.changedAt) / INCREASE_EVERY_MS)
      this.rate = Math.min(this.ceiling, this.rate + steps * this.step())
      this.changedAt += steps * INCREASE_EVERY_MS
    }
    return this.rate
  }

  /** HelpCrunch answered 429: halve the rate (once per congestion). Returns true when it went down. */
  rateLimited(): boolean {
    const now = this.clock.now()
    if (now - this.decreasedAt < QUIET_MS) return false
    const floor = Math.min(this.ceiling, FLOOR_PER_MINUTE)
    const next = Math.max(floor, Math.floor(this.current() / 2))
    this.decreasedAt = now
    this.changedAt = now
    if (next === this.rate) return false
    this.rate = next
    return true
  }

  /** The configured rate changed (settings); the current one never exceeds it. */
  setCeiling(configuredPerMinute: number): void {
    const wasFull = this.current() >= this.ceiling
    this.ceiling = Math.max(1, configuredPerMinute)
    this.rate = wasFull ? this.ceiling : Math.min(this.rate, this.ceiling)
  }

  /** The rate and the ceiling, for the source status. */
  state(): RateState {
    return { requestsPerMinute: this.current(), configuredPerMinute: this.ceiling }
  }

  private step(): number {
    return Math.max(1, Math.round(this.ceiling / 20))
  }
}

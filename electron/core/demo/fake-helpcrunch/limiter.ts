/** The fake server's rate limit: at most `limit` accepted requests in any sliding window of `windowMs`. */

/** A sliding-window request counter, like HelpCrunch's documented 120 requests per minute. */
export class SlidingWindowLimiter {
  private readonly times: number[] = []

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Records a request at `now` and returns true, or returns false (and records nothing) when over the limit. */
  tryAcquire(now: number): boolean {
    while (this.times.length > 0 && (this.times[0] as number) <= now - this.windowMs) this.times.shift()
    if (this.times.length >= this.limit) return false
    this.times.push(now)
    return true
  }

  /** Seconds until a slot frees up (for a `Retry-After` header, when the fake is told to send one). */
  retryAfterSeconds(now: number): number {
    const oldest = this.times[0]
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }
}

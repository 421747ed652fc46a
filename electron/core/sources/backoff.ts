/** Retry delays every source uses (the HelpCrunch poller, the team hub stream): exponential, with jitter. */

/** Exponential backoff with "equal jitter": a delay in [d/2, d], d = min(max, base·2^attempt). */
export class Backoff {
  private attempt = 0

  constructor(
    private readonly baseMs = 2_000,
    private readonly maxMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next try; a server-given `retryAfterMs` wins (capped at ten minutes). */
  next(retryAfterMs: number | null = null): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt)
    this.attempt = Math.min(this.attempt + 1, 30)
    if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, 0), 600_000)
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2)
  }

  /** Forgets past failures (after a success). */
  reset(): void {
    this.attempt = 0
  }

  /** Consecutive failures so far. */
  get failures(): number {
    return this.attempt
  }
}

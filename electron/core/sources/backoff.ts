/** Retry delays every source uses (the HelpCrunch poller, the team hub stream): exponential, with jitter. */

/**
 * The longest any source waits before trying again, whatever a server asks (`Retry-After`) or a pause adds up
 * to: ten minutes. It also keeps every timer far below `setTimeout`'s limit (2^31−1 ms, ~24.8 days), past which
 * Node fires after 1 ms instead.
 */
export const MAX_WAIT_MS = 600_000

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
    if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, 0), MAX_WAIT_MS)
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

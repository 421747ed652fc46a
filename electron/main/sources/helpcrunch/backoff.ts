/**
 * What the poller does after a failed call: exponential backoff with jitter for 429 and 5xx (honouring
 * `Retry-After`), a later retry for network trouble, a full stop for a rejected key, removal for a
 * chat that no longer exists.
 */
import type { SourceState } from '../../../../shared/protocol'
import { HelpCrunchError } from './errors'

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

/** The poller's reaction to a failure. */
export type FailurePlan =
  | { kind: 'retry'; state: SourceState; message: string; backoff: boolean; retryAfterMs: number | null }
  | { kind: 'stop'; state: 'auth-failed'; message: string }

/** Classifies a failed poll call into a plan and the source status to show. */
export function planForFailure(error: unknown): FailurePlan {
  if (!(error instanceof HelpCrunchError))
    return {
      kind: 'retry',
      state: 'error',
      message: String((error as Error)?.message ?? error),
      backoff: true,
      retryAfterMs: null,
    }
  switch (error.kind) {
    case 'auth':
      return { kind: 'stop', state: 'auth-failed', message: 'API key rejected' }
    case 'rate-limited':
      return {
        kind: 'retry',
        state: 'rate-limited',
        message: error.message,
        backoff: true,
        retryAfterMs: error.retryAfterMs,
      }
    case 'network':
    case 'timeout':
      // Offline or asleep: retry at the normal pace (plus backoff so a dead network is not hammered).
      return { kind: 'retry', state: 'offline', message: error.message, backoff: true, retryAfterMs: null }
    default:
      return { kind: 'retry', state: 'error', message: error.message, backoff: true, retryAfterMs: error.retryAfterMs }
  }
}

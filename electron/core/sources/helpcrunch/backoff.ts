/**
 * What the poller does after a failed call: exponential backoff with jitter for 429 and 5xx (honouring
 * `Retry-After`), a later retry for network trouble, a full stop for a rejected key, removal for a
 * chat that no longer exists. The delays themselves are the shared `Backoff` (sources/backoff.ts).
 */
import type { SourceState } from '../../../../shared/protocol'
import { HelpCrunchError } from './errors'

export { Backoff } from '../backoff'

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

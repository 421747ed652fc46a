/** Health of one source, reported as `source.status` events and shown in the tray and the panel. */

/** Source health states. `disabled` = not configured; the rest as in the HelpCrunch issue. */
export const SOURCE_STATES = ['disabled', 'ok', 'polling', 'rate-limited', 'offline', 'auth-failed', 'error'] as const
/** One of `SOURCE_STATES`. */
export type SourceState = (typeof SOURCE_STATES)[number]

/** A source's health at a moment. */
export interface SourceStatus {
  source: string
  state: SourceState
  /** Human-readable detail ("API key rejected", "no secret configured for /webhooks/deskdirector"), never a secret. */
  message: string | null
  /** Configuration problems that do not stop the source but lose alerts (e.g. a route without a secret). */
  warnings: string[]
  /** Epoch ms of the last success, if any. */
  lastOkAt: number | null
  at: number
  demo?: boolean
  /** A polled source's request rate: lowered below the configured one after the API answered 429. */
  rate?: { requestsPerMinute: number; configuredPerMinute: number }
  /** Epoch ms of the next automatic try after a failure (rate limiting, backoff); absent when none is planned. */
  retryAt?: number
  /** On a desktop that follows a team hub: the connection to it (source `hub`). */
  hub?: { connection: 'connecting' | 'ok' | 'offline' | 'auth-failed' }
}

/** Typed errors every command can answer with (IPC and NDJSON alike). Messages never contain secrets. */

/** Machine-readable error codes. */
export const ERROR_CODES = [
  'bad_command',
  'invalid_params',
  'not_found',
  'unsupported',
  'not_configured',
  'auth_failed',
  'rate_limited',
  // Chat Tray's own pacing: this desktop's share of a help desk's request budget is used up for now (the help desk
  // itself did not refuse anything); a bulk action retries these as the budget refills.
  'busy',
  'offline',
  'timeout',
  'source_error',
  /** A setting the machine policy locks (shared/policy.ts); the message names it and the policy file. */
  'locked_by_policy',
  'internal',
  /** The host is shutting down: the command was not run, or did not finish before the stop deadline. */
  'stopping',
  /** `chat.claim` lost: someone else claimed the chat first (`claim` names them), or it changed since it was seen. */
  'conflict',
] as const
/** One of `ERROR_CODES`. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The error body of a failed command. `sourceCode` carries the help desk's own code (e.g. `chat_not_found`). */
export interface CommandError {
  code: ErrorCode
  message: string
  sourceCode?: string
  /** When the help desk said how long to wait before trying again (e.g. HTTP `Retry-After`), in ms. */
  retryAfterMs?: number
  /** For `conflict`: the claim that won (who and since when), to show "Mia took it 4 s ago". */
  claim?: { agent: string; since: number }
}

/** An Error that carries a `CommandError`; thrown by handlers and adapters, caught by the dispatcher. */
export class CommandFailure extends Error {
  readonly code: ErrorCode
  readonly sourceCode: string | undefined
  readonly retryAfterMs: number | undefined
  /** For `conflict`: the claim that won. */
  claim: { agent: string; since: number } | undefined
  constructor(code: ErrorCode, message: string, sourceCode?: string, retryAfterMs?: number) {
    super(message)
    this.name = 'CommandFailure'
    this.code = code
    this.sourceCode = sourceCode
    this.retryAfterMs = retryAfterMs
  }

  /** The wire form of this failure. */
  toError(): CommandError {
    const error: CommandError = { code: this.code, message: this.message }
    if (this.sourceCode) error.sourceCode = this.sourceCode
    if (this.retryAfterMs !== undefined) error.retryAfterMs = this.retryAfterMs
    if (this.claim) error.claim = this.claim
    return error
  }
}

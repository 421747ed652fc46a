/**
 * Typed failures of HelpCrunch calls. Each carries HelpCrunch's own `errors[].code`s when it sent any,
 * and a message that never contains the API key (foreign messages pass through `redact`).
 */
import { CommandFailure, type ErrorCode } from '../../../../shared/protocol'
import { redact } from '../../engine/log'
import { MAX_WAIT_MS } from '../backoff'

export { MAX_WAIT_MS }

/**
 * The 404 codes HelpCrunch documents for "this chat does not exist": `chat_not_found` (older pages), `not_found`
 * (newer), and `not_fount` (the mark-read page, typo included). `entity_not_found` is the code of other entities.
 */
const CHAT_NOT_FOUND_CODES = new Set(['chat_not_found', 'not_found', 'not_fount'])

/** What kind of failure it was; drives retry, backoff and the source status. */
export type HelpCrunchFailureKind =
  | 'auth' // 401/403: the key is wrong or lacks rights
  | 'not-found' // 404 (e.g. chat_not_found)
  | 'rate-limited' // 429
  | 'budget' // this desktop's own request budget is used up: its pacing, not HelpCrunch's limit
  | 'server' // 5xx
  | 'bad-request' // other 4xx: do not repeat unchanged
  | 'bad-response' // 2xx whose body is not the documented shape (malformed JSON included)
  | 'network' // no HTTP answer (DNS, refused, reset)
  | 'timeout' // no answer within the request timeout

/** A failed HelpCrunch call. */
export class HelpCrunchError extends Error {
  readonly kind: HelpCrunchFailureKind
  /** HTTP status, or null when no answer came. */
  readonly status: number | null
  /** HelpCrunch's `errors[].code` values, in order (e.g. `["invalid_request", "invalid_chat_value"]`). */
  readonly codes: string[]
  /** Milliseconds from a `Retry-After` header, when sent. */
  readonly retryAfterMs: number | null

  constructor(
    kind: HelpCrunchFailureKind,
    message: string,
    details: { status?: number | null; codes?: string[]; retryAfterMs?: number | null } = {},
  ) {
    super(message)
    this.name = 'HelpCrunchError'
    this.kind = kind
    this.status = details.status ?? null
    this.codes = details.codes ?? []
    this.retryAfterMs = details.retryAfterMs ?? null
  }

  /** The most specific HelpCrunch code (the generic `invalid_request` comes first in newer APIs). */
  get code(): string | undefined {
    return this.codes.find((c) => c !== 'invalid_request') ?? this.codes[0]
  }
}

const COMMAND_CODES: Record<HelpCrunchFailureKind, ErrorCode> = {
  auth: 'auth_failed',
  'not-found': 'not_found',
  'rate-limited': 'rate_limited',
  budget: 'busy',
  server: 'source_error',
  'bad-request': 'invalid_params',
  'bad-response': 'source_error',
  network: 'offline',
  timeout: 'timeout',
}

/**
 * True when a 404 says the chat does not exist, as opposed to the route not existing: a documented chat-not-found
 * code whose message does not talk about a route (a framework's generic 404 names the route it did not find).
 */
export function isChatNotFound(error: HelpCrunchError): boolean {
  return (
    error.status === 404 && error.codes.some((c) => CHAT_NOT_FOUND_CODES.has(c)) && !/\broute\b/i.test(error.message)
  )
}

/** Converts any failure of a HelpCrunch call into the `CommandFailure` a quick action answers with. */
export function toCommandFailure(error: unknown, action: string): CommandFailure {
  if (error instanceof CommandFailure) return error
  if (error instanceof HelpCrunchError)
    return new CommandFailure(
      COMMAND_CODES[error.kind],
      `HelpCrunch ${action} failed: ${error.message}`,
      error.code,
      error.retryAfterMs ?? undefined,
    )
  return new CommandFailure('internal', `HelpCrunch ${action} failed: ${(error as Error)?.message ?? String(error)}`)
}

/** Reads `{errors:[{code,message}]}` leniently; returns the codes and a short message (secret-free). */
export function readErrorBody(body: unknown, secrets: readonly string[]): { codes: string[]; message: string | null } {
  const list = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(list)) return { codes: [], message: null }
  const items = list.filter((e): e is { code?: unknown; message?: unknown } => typeof e === 'object' && e !== null)
  const codes = items.map((e) => e.code).filter((c): c is string => typeof c === 'string')
  const messages = items.map((e) => e.message).filter((m): m is string => typeof m === 'string')
  const message = messages.length > 0 ? redact(messages.join('; ').slice(0, 300), secrets) : null
  return { codes, message }
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  return Number.isFinite(at) ? Math.max(0, at - now) : null
}

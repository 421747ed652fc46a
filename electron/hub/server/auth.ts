/**
 * Who is calling a hub route: the bearer token checked against the tokens file, behind the per-address
 * throttle of bad attempts. Both routes answer a refusal the same way: `401` for a missing or unknown token,
 * `429` with `Retry-After` once an address has failed too often (the token is then not even looked at).
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HubAgent } from '../../../shared/protocol/hub'
import { sendJson } from '../../core/http/server'
import { type AuthThrottle, clientAddress } from './auth-throttle'
import { bearerToken, type TokenTable } from './tokens'

/** A caller whose token is known. */
export interface Caller {
  agent: HubAgent
  /** The token itself (kept to recheck it when the tokens file changes; never logged or shown). */
  token: string
  /** A digest of the token: what per-token limits are keyed by. */
  key: string
  /** The board session this caller signed in with (docs/hub.md, "The supervisor board"); absent for a desktop. */
  session?: string
}

/** Checks a request's token; answers the refusal itself and returns null when there is no known caller. */
export type HubAuth = (req: IncomingMessage, res: ServerResponse) => Caller | null

/** Sends a 401 with nothing else in it. */
export function unauthorized(res: ServerResponse): void {
  res.setHeader('www-authenticate', 'Bearer')
  res.setHeader('connection', 'close')
  sendJson(res, 401, { error: 'unauthorized' })
}

/** Sends `status` with `Retry-After` (whole seconds, at least 1) and closes the connection. */
export function retryLater(res: ServerResponse, status: 429 | 503, retryAfterMs: number, body: unknown): void {
  res.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))))
  res.setHeader('connection', 'close')
  sendJson(res, status, body)
}

/** The auth check both hub routes use. */
export function createHubAuth(tokens: TokenTable, throttle: AuthThrottle): HubAuth {
  return (req, res) => {
    const address = clientAddress(req)
    const wait = throttle.blockedFor(address)
    if (wait > 0) {
      retryLater(res, 429, wait, { error: 'too many bad tokens from this address; try again later' })
      return null
    }
    const token = bearerToken(req.headers.authorization)
    const agent = token ? tokens.lookup(token) : null
    if (!token || !agent) {
      throttle.failed(address)
      unauthorized(res)
      return null
    }
    return { agent, token, key: createHash('sha256').update(token).digest('base64url') }
  }
}

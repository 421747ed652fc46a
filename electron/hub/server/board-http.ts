/**
 * The HTTP pieces of the supervisor board's routes: its session cookie (read and written), the same-origin check
 * every POST must pass (CSRF), the small forms it reads, and its answers (303 to a page, 403 refused).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isLoopbackHost } from '../../../shared/loopback'
import { type BodyLimits, readRawBody } from '../../core/http/body'
import { refuseAndClose, sendJson } from '../../core/http/server'
import { BOARD_PATH } from './board-files'

/** Largest sign-in or sign-out form (a token is at most 512 characters). */
const MAX_FORM_BYTES = 4096

/** The session cookie's name; `Path=/board`, so it goes to no other route of the hub. */
export const BOARD_COOKIE = 'chat_tray_board'

/** The session id a request's cookie carries, or null. */
export function sessionCookie(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2)
    if (name === BOARD_COOKIE && value && /^[\w-]{20,100}$/.test(value)) return value
  }
  return null
}

/**
 * True when a browser's POST comes from the hub's own page: its `Origin` names the host it was sent to. A `Host`
 * without a port (a reverse proxy passing `$host`, which drops it) is compared by name alone.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  const host = (req.headers.host ?? '').toLowerCase()
  if (origin === undefined || origin === 'null' || host === '') return false
  try {
    const from = new URL(origin)
    return /:\d+$/.test(host) ? from.host === host : from.hostname === host
  } catch {
    return false
  }
}

/** The Set-Cookie value: HttpOnly, SameSite=Strict, Path=/board; Secure unless the page is on loopback. */
export function setCookieValue(req: IncomingMessage, value: string, maxAgeSeconds: number): string {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
  const secure = isLoopbackHost(host) ? '' : '; Secure'
  return `${BOARD_COOKIE}=${value}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`
}

/** The form's fields, or null once a body that is too large, too slow or cut off has been answered. */
export async function readForm(req: IncomingMessage, res: ServerResponse, limits: BodyLimits) {
  const read = await readRawBody(req, { ...limits, maxBytes: Math.min(limits.maxBytes, MAX_FORM_BYTES) })
  if (!read.ok) {
    refuseAndClose(req, res, read.status, read.error)
    return null
  }
  return new URLSearchParams(read.body.toString('utf8'))
}

/** Refuses a browser's request that did not come from the board itself. */
export function refuse(res: ServerResponse, error: string): void {
  res.setHeader('connection', 'close')
  sendJson(res, 403, { error })
}

/** Sends the browser to `location` (after a form). */
export function seeOther(res: ServerResponse, location: string): void {
  res.setHeader('cache-control', 'no-store')
  res.writeHead(303, { location })
  res.end()
}

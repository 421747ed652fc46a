/**
 * The supervisor board's routes (docs/hub.md, "The supervisor board"): the page and its assets, sign-in with a
 * lead's token (a form POST → an HttpOnly, SameSite=Strict session cookie scoped to `/board`), the session's
 * details for the page, sign-out, and the board's event stream: `/v1/stream` itself, answered for the session's
 * lead at `/board/stream` so the cookie never leaves `/board`. CSRF: nothing changes state on a GET; each POST
 * must come from the hub's own origin (`Origin` equal to the `Host`), and sign-out must echo the session's token.
 */

import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isLoopbackHost } from '../../../shared/loopback'
import type { HubAgent } from '../../../shared/protocol/hub'
import { DEFAULT_FIRST_RESPONSE_SECONDS } from '../../../shared/settings'
import { type BodyLimits, readRawBody } from '../../core/http/body'
import { type HttpServer, refuseAndClose, sendJson } from '../../core/http/server'
import { type Caller, retryLater } from './auth'
import { type AuthThrottle, clientAddress } from './auth-throttle'
import { BOARD_PATH, type BoardFiles, sendAsset, sendPage, setPageHeaders } from './board-files'
import type { BoardSessions } from './board-sessions'
import type { TokenTable } from './tokens'

/** The session cookie's name; `Path=/board`, so it goes to no other route of the hub. */
export const BOARD_COOKIE = 'chat_tray_board'
/** The board's routes. */
export const BOARD_ROUTES = {
  page: BOARD_PATH,
  session: `${BOARD_PATH}/session`,
  signIn: `${BOARD_PATH}/sign-in`,
  signOut: `${BOARD_PATH}/sign-out`,
  stream: `${BOARD_PATH}/stream`,
} as const
/** Largest sign-in or sign-out form (a token is at most 512 characters). */
const MAX_FORM_BYTES = 4096

/** What the board's routes need. */
export interface BoardDeps {
  files: BoardFiles
  sessions: BoardSessions
  tokens: Pick<TokenTable, 'lookup'>
  throttle: AuthThrottle
  isLead: (agent: HubAgent) => boolean
  /** The first-response target per source (seconds), as the hub's settings say. */
  targets: () => Record<string, number>
  /** Keys of the chats that breached their first-response target today (the hub's day). */
  breachesToday: () => string[]
  /** Opens the event stream for the session's lead. */
  openStream: (caller: Caller, req: IncomingMessage, res: ServerResponse) => void
  now: () => number
}

/** Whether a token's agent may open the board: its tier is `lead`. */
export function isLead(agent: HubAgent): boolean {
  return agent.tier === 'lead'
}

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

/** Registers the board's routes on the listener. */
export function registerBoard(listener: HttpServer, deps: BoardDeps): void {
  const pages = { forPages: true }
  const { sessions } = deps
  const current = (req: IncomingMessage) => {
    const id = sessionCookie(req)
    const session = id ? sessions.find(id) : null
    return id && session ? { id, session } : null
  }
  listener.route(BOARD_ROUTES.page, (_req, res) => sendPage(res, deps.files), 'GET', pages)
  for (const [path, asset] of deps.files.assets)
    listener.route(path, (_req, res) => sendAsset(res, asset), 'GET', pages)

  listener.route(
    BOARD_ROUTES.session,
    (req, res) => {
      setPageHeaders(res)
      res.setHeader('cache-control', 'no-store')
      const found = current(req)
      if (!found) return sendJson(res, 401, { error: 'signed out' })
      const { agent, csrf, expiresAt } = found.session
      sendJson(res, 200, {
        agent: { name: agent.name },
        csrf,
        expiresAt,
        firstResponseSeconds: deps.targets(),
        defaultFirstResponseSeconds: DEFAULT_FIRST_RESPONSE_SECONDS,
        breachesToday: deps.breachesToday(),
      })
    },
    'GET',
    pages,
  )

  listener.route(
    BOARD_ROUTES.signIn,
    async (req, res, context) => {
      if (!sameOrigin(req)) return refuse(res, 'sign-in must come from the board page itself')
      const address = clientAddress(req)
      const wait = deps.throttle.blockedFor(address)
      if (wait > 0)
        return retryLater(res, 429, wait, { error: 'too many bad tokens from this address; try again later' })
      const form = await readForm(req, res, context.limits)
      if (!form) return
      const token = form.get('token')?.trim() ?? ''
      const agent = token.length >= 16 && token.length <= 512 ? deps.tokens.lookup(token) : null
      if (!agent) {
        deps.throttle.failed(address)
        return seeOther(res, `${BOARD_PATH}?refused=token`)
      }
      if (!deps.isLead(agent)) return seeOther(res, `${BOARD_PATH}?refused=tier`)
      const { id, session } = sessions.create(token, agent)
      const maxAge = Math.floor((session.expiresAt - deps.now()) / 1000)
      res.setHeader('set-cookie', cookie(req, id, Math.max(1, maxAge)))
      seeOther(res, BOARD_PATH)
    },
    'POST',
    pages,
  )

  listener.route(
    BOARD_ROUTES.signOut,
    async (req, res, context) => {
      if (!sameOrigin(req)) return refuse(res, 'sign-out must come from the board page itself')
      const form = await readForm(req, res, context.limits)
      if (!form) return
      const found = current(req)
      if (found && form.get('csrf') !== found.session.csrf) return refuse(res, 'the form is stale; reload the board')
      if (found) sessions.end(found.id)
      res.setHeader('set-cookie', cookie(req, '', 0))
      seeOther(res, BOARD_PATH)
    },
    'POST',
    pages,
  )

  listener.route(
    BOARD_ROUTES.stream,
    (req, res) => {
      const found = current(req)
      if (!found) return sendJson(res, 401, { error: 'signed out' })
      const { session } = found
      // Keyed by the session, apart from the lead's desktop streams: opening the board never evicts their desktop.
      const key = `board:${createHash('sha256').update(found.id).digest('base64url')}`
      deps.openStream({ agent: session.agent, token: session.token, key, session: found.id }, req, res)
    },
    'GET',
    pages,
  )
}

/** The Set-Cookie value: HttpOnly, SameSite=Strict, Path=/board; Secure unless the page is on loopback. */
function cookie(req: IncomingMessage, value: string, maxAgeSeconds: number): string {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
  const secure = isLoopbackHost(host) ? '' : '; Secure'
  return `${BOARD_COOKIE}=${value}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`
}

/** The form's fields, or null once a body that is too large, too slow or cut off has been answered. */
async function readForm(req: IncomingMessage, res: ServerResponse, limits: BodyLimits) {
  const read = await readRawBody(req, { ...limits, maxBytes: Math.min(limits.maxBytes, MAX_FORM_BYTES) })
  if (!read.ok) {
    refuseAndClose(req, res, read.status, read.error)
    return null
  }
  return new URLSearchParams(read.body.toString('utf8'))
}

function refuse(res: ServerResponse, error: string): void {
  res.setHeader('connection', 'close')
  sendJson(res, 403, { error })
}

function seeOther(res: ServerResponse, location: string): void {
  res.setHeader('cache-control', 'no-store')
  res.writeHead(303, { location })
  res.end()
}

/**
 * The supervisor board's routes (docs/hub.md, "The supervisor board"): the page and its assets, sign-in with a
 * lead's token (a form POST → an HttpOnly, SameSite=Strict session cookie scoped to `/board`), the session's
 * details for the page, sign-out, and the board's event stream: `/v1/stream` itself, answered for the session's
 * lead at `/board/stream` so the cookie never leaves `/board`. CSRF: nothing changes state on a GET; each POST
 * must come from the hub's own origin (`Origin` equal to the `Host`), and sign-out must echo the session's token.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HubAgent } from '../../../shared/protocol/hub'
import { DEFAULT_FIRST_RESPONSE_SECONDS } from '../../../shared/settings'
import { type HttpServer, sendJson } from '../../core/http/server'
import { type Caller, retryLater } from './auth'
import { type AuthThrottle, clientAddress } from './auth-throttle'
import { BOARD_PATH, type BoardFiles, sendAsset, sendPage, setPageHeaders } from './board-files'
import { readForm, refuse, sameOrigin, seeOther, sessionCookie, setCookieValue } from './board-http'
import type { BoardSessions } from './board-sessions'
import type { TokenTable } from './tokens'

export { BOARD_COOKIE, sameOrigin, sessionCookie } from './board-http'

/** The board's routes. */
export const BOARD_ROUTES = {
  page: BOARD_PATH,
  session: `${BOARD_PATH}/session`,
  signIn: `${BOARD_PATH}/sign-in`,
  signOut: `${BOARD_PATH}/sign-out`,
  stream: `${BOARD_PATH}/stream`,
} as const

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
    listener.route(path, (req, res) => sendAsset(req, res, asset), 'GET', pages)

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
      res.setHeader('set-cookie', setCookieValue(req, id, Math.max(1, maxAge)))
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
      res.setHeader('set-cookie', setCookieValue(req, '', 0))
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

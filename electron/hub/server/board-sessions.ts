/**
 * The supervisor board's sign-in sessions, kept in the hub's memory: a lead signs in with their token once and
 * gets a random session id (the cookie) instead; the token never reaches the page again. A session ends at its
 * expiry, at sign-out, when the hub restarts, or as soon as its token is no longer a lead's in the tokens file.
 * Sessions are found by the SHA-256 digest of their id, so a lookup's timing tells nothing about a valid id.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { HubAgent } from '../../../shared/protocol/hub'

/** How long a board session lasts after sign-in (a long shift); then the lead signs in again. */
export const BOARD_SESSION_MS = 12 * 60 * 60 * 1000
/** Sessions kept at most; a further sign-in ends the oldest (each costs a few hundred bytes). */
export const MAX_BOARD_SESSIONS = 1000

/** One signed-in board. */
export interface BoardSession {
  /** The lead's token: rechecked against the tokens file on every use; never sent to the page. */
  token: string
  agent: HubAgent
  /** The value every state-changing form of the page must echo (double submit, next to SameSite=Strict). */
  csrf: string
  expiresAt: number
}

/** The session table. */
export interface BoardSessions {
  /** Starts a session; returns its id (the cookie's value) and the session. */
  create(token: string, agent: HubAgent): { id: string; session: BoardSession }
  /** The live session of a cookie value, or null (unknown, expired, or its token no longer a lead's). */
  find(id: string): BoardSession | null
  /** Ends a session (sign-out). */
  end(id: string): void
  /** Ends every session whose token is no longer a lead's, and every expired one. */
  sweep(): void
  /** Sessions open right now. */
  count(): number
}

/** What the table needs: the clock and the current agent of a token (null when the token is gone). */
export interface BoardSessionDeps {
  now: () => number
  lookup: (token: string) => HubAgent | null
  isLead: (agent: HubAgent) => boolean
  ttlMs?: number
  maxSessions?: number
}

/** Creates an empty session table. */
export function createBoardSessions(deps: BoardSessionDeps): BoardSessions {
  const ttl = deps.ttlMs ?? BOARD_SESSION_MS
  const max = deps.maxSessions ?? MAX_BOARD_SESSIONS
  // Insertion order is sign-in order: the first entry is the oldest.
  const sessions = new Map<string, BoardSession>()
  const live = (key: string, session: BoardSession): boolean => {
    const agent = session.expiresAt > deps.now() ? deps.lookup(session.token) : null
    if (agent && deps.isLead(agent)) {
      session.agent = agent
      return true
    }
    sessions.delete(key)
    return false
  }
  return {
    create(token, agent) {
      while (sessions.size >= max) sessions.delete(sessions.keys().next().value as string)
      const id = randomBytes(32).toString('base64url')
      const session = { token, agent, csrf: randomBytes(24).toString('base64url'), expiresAt: deps.now() + ttl }
      sessions.set(keyOf(id), session)
      return { id, session }
    },
    find(id) {
      const key = keyOf(id)
      const session = sessions.get(key)
      return session && live(key, session) ? session : null
    },
    end(id) {
      sessions.delete(keyOf(id))
    },
    sweep() {
      for (const [key, session] of [...sessions]) live(key, session)
    },
    count: () => sessions.size,
  }
}

function keyOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url')
}

/**
 * Failed actions in plain words: what did not happen, why (in the agent's terms), whether and when a
 * retry makes sense, and whether the fix is in Settings. The raw detail stays available, second.
 */
import type { CommandError } from '../../../shared/protocol'
import { conflictText } from '../../../shared/team'
import { usePanelStore } from '../stores/panel-store'

/** How a failure reads in the panel. */
export interface FailureText {
  /** "Couldn't assign." */
  headline: string
  /** "HelpCrunch is limiting requests right now." */
  reason: string
  /** Milliseconds to wait before Retry is offered, or null when retrying unchanged cannot help. */
  retryAfterMs: number | null
  /** The fix is a setting (key, agent, web address). */
  fixInSettings: boolean
}

/** Waits before Retry when the help desk did not say: a rate limit clears slowly, a hiccup quickly. */
const DEFAULT_WAIT: Partial<Record<CommandError['code'], number>> = {
  rate_limited: 15_000,
  busy: 5_000,
  offline: 5_000,
  timeout: 5_000,
  source_error: 5_000,
  internal: 0,
}

/**
 * Explains `error` of `action` ("Assign", "Snooze", …) on a chat of `source`. A lost claim (`conflict`) says who
 * won and how long ago at `now` ("Mia took it 4 s ago."), with no Retry: the chat is theirs.
 */
export function describeFailure(action: string, error: CommandError, source: string, now = Date.now()): FailureText {
  const desk = usePanelStore.getState().sourceInfo[source]?.label ?? source
  const headline = `Couldn't ${action.toLowerCase()}.`
  if (error.code === 'conflict') {
    const words = error.claim ? conflictText(error.claim, now) : error.message
    return {
      headline,
      reason: `${words.charAt(0).toUpperCase()}${words.slice(1)}.`,
      retryAfterMs: null,
      fixInSettings: false,
    }
  }
  const wait = DEFAULT_WAIT[error.code]
  const retryAfterMs = wait === undefined ? null : Math.max(wait, error.retryAfterMs ?? 0)
  // Following a hub, "Take" is a claim the team hub decides: offline is the hub or its shared store, not the desk.
  const claim = action === 'Take' && error.code === 'offline' && usePanelStore.getState().team !== null
  const why = claim ? TEAM_UNREACHABLE : reason(error, desk)
  return { headline, reason: why, retryAfterMs, fixInSettings: FIXABLE.has(error.code) }
}

/** A claim the team could not decide (the hub, or the hubs' shared Redis, unreachable): nobody took it. */
const TEAM_UNREACHABLE = "The team hub can't decide who takes it right now. Nobody has it yet: try again in a moment."

const FIXABLE = new Set<CommandError['code']>(['auth_failed', 'not_configured'])

function reason(error: CommandError, desk: string): string {
  switch (error.code) {
    case 'rate_limited':
      return `${desk} is limiting requests right now.`
    case 'busy':
      // Chat Tray's own pacing of its share of the help desk's budget: never blamed on the help desk.
      return 'Chat Tray is pacing its requests to stay within the budget; this goes through shortly.'
    case 'offline':
      return `${desk} can't be reached. Check the connection.`
    case 'timeout':
      return `${desk} took too long to answer.`
    case 'source_error':
      return `${desk} had a problem on its side.`
    case 'not_found':
      return `This chat no longer exists in ${desk}.`
    case 'auth_failed':
      return `${desk} rejected the API key.`
    case 'not_configured':
      return 'This needs setting up first.'
    case 'unsupported':
      return `${desk} doesn't allow this from Chat Tray.`
    case 'invalid_params':
      return `${desk} refused the change.`
    default:
      return 'Something went wrong in Chat Tray.'
  }
}

/**
 * When the app may restart by itself to install a downloaded update (the agent can always ask): never while an
 * action is in flight, while someone waits, during a shift, or while the agent is using the computer. Pure, so the
 * rule is tested without Electron; `desktop.ts` gathers the facts.
 */
import type { Shift } from '../../../shared/settings'
import { inShift } from '../../../shared/shifts'

/** What the decision looks at. */
export interface RestartFacts {
  /** Commands from the panel, toasts or tray still running (a snooze, an assign…). */
  pendingActions: number
  /** Chats that need someone now (waiting, missed, callback), not snoozed. */
  waitingChats: number
  shifts: readonly Shift[]
  now: number
  /** The OS says the user is away (idle for a while, or the screen is locked). */
  userAway: boolean
  panelVisible: boolean
}

/** Why the app must not restart by itself now, or null when it may. */
export function restartBlocker(facts: RestartFacts): string | null {
  if (facts.pendingActions > 0) return 'an action is still running'
  if (facts.waitingChats > 0) return 'a customer is waiting'
  if (inShift(facts.shifts, facts.now)) return 'it is your shift'
  if (facts.panelVisible) return 'the panel is open'
  if (!facts.userAway) return 'you are using the computer'
  return null
}

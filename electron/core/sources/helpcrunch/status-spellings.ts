/**
 * What `PUT /chats/status` is sent for a requested status. The docs disagree on the spelling (docs/helpcrunch.md,
 * "Quick actions"): the newest English page lists `"on hold"`, older pages `"on-hold"`, the chat model `"onhold"`,
 * and the Ukrainian page sends `"open"` while answering `"opened"`. A caller may name a HelpCrunch status in any
 * of these spellings, or one of the app's unified states; each maps to the documented spellings, tried in order.
 */
import { normalizeStatus } from '../../../../shared/state-table'

/** Documented spellings per status, the first one tried first. */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  new: ['new'],
  opened: ['opened', 'open'],
  pending: ['pending'],
  onhold: ['on hold', 'on-hold', 'onhold'],
  nocommunication: ['no communication'],
  closed: ['closed'],
}

/** The app's unified states a status can be set to → the HelpCrunch status that means it. */
const FROM_UNIFIED: Readonly<Record<string, string>> = {
  waiting: 'new',
  active: 'opened',
  pending: 'pending',
  onhold: 'onhold',
  closed: 'closed',
}

/** The spellings to try for `requested` (a HelpCrunch status or a unified state), or null when it names none. */
export function statusSpellings(requested: string): readonly string[] | null {
  const key = normalizeStatus(requested)
  const status = key === 'open' ? 'opened' : Object.hasOwn(SPELLINGS, key) ? key : FROM_UNIFIED[key]
  return status === undefined ? null : (SPELLINGS[status] ?? null)
}

/** The statuses a caller may name, for error messages. */
export const SETTABLE_STATUS_WORDS =
  'new, opened (open), pending, on hold (on-hold, onhold), no communication, closed — or waiting, active, on-hold'

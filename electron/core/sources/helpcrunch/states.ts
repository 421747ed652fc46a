/** HelpCrunch chat statuses → unified states (docs/helpcrunch.md lists the statuses and their spellings). */
import type { UnifiedState } from '../../../../shared/chat'
import { normalizeStatus, type StateTable, unifiedState } from '../../../../shared/state-table'

/** Keys are normalised (`normalizeStatus`): HelpCrunch spells on-hold three ways and open two. */
export const HELPCRUNCH_STATES: StateTable = {
  new: 'waiting',
  opened: 'active',
  open: 'active',
  pending: 'pending',
  onhold: 'on-hold',
  closed: 'closed',
  nocommunication: 'closed',
  empty: 'ignored',
}

/**
 * Numeric status codes → status names. Unpublished: the newest search examples filter by `"3"` and `"5"`, and
 * this is the order of the chat model page's status list; a third-party export tool agrees for 1–4 and swaps 5
 * and 6 (`closed`, `no communication`), which both map to closed, so either reading gives the same state.
 */
export const HELPCRUNCH_STATUS_CODES: Readonly<Record<string, string>> = {
  '1': 'new',
  '2': 'opened',
  '3': 'pending',
  '4': 'on hold',
  '5': 'no communication',
  '6': 'closed',
  '7': 'empty',
}

/** The status name a raw value means: a name as sent, or the name of a numeric code; null when unknown. */
export function helpCrunchStatusName(raw: string | number): string | null {
  const text = String(raw).trim()
  if (/^\d+$/.test(text)) return HELPCRUNCH_STATUS_CODES[String(Number(text))] ?? null
  return Object.hasOwn(HELPCRUNCH_STATES, normalizeStatus(text)) ? text : null
}

/** The unified state of a known status name (`helpCrunchStatusName`). */
export function helpCrunchState(name: string): UnifiedState {
  return unifiedState(HELPCRUNCH_STATES, name)
}

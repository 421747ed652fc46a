/** HelpCrunch chat statuses → unified states (docs/helpcrunch.md lists the statuses and their spellings). */
import type { StateTable } from '../../../../shared/state-table'

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

/** DeskDirector chat session statuses → unified states (docs/deskdirector.md). */
import type { StateTable } from '../../../../shared/state-table'

/** Keys are normalised (`normalizeStatus`). */
export const DESKDIRECTOR_STATES: StateTable = {
  created: 'waiting',
  handled: 'active',
  missed: 'missed',
  callback: 'callback',
  completed: 'closed',
}

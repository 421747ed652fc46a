/** DeskDirector chat session statuses → unified states (docs/deskdirector.md). */
import type { StateTable } from '../../../../shared/state-table'

/**
 * Keys are normalised (`normalizeStatus`). The five API values, plus the names DeskDirector's UI shows, which
 * its help site says the API "may" send instead: Waiting "may appear as created", Abandoned "may appear as
 * missed" (docs/deskdirector.md, "The payload").
 */
export const DESKDIRECTOR_STATES: StateTable = {
  created: 'waiting',
  waiting: 'waiting',
  handled: 'active',
  missed: 'missed',
  abandoned: 'missed',
  callback: 'callback',
  completed: 'closed',
}

/**
 * The unified state table of DESIGN.md section 2, as data: each source's raw status → `UnifiedState`.
 * Raw values are normalised (lower case, spaces/dashes/underscores removed) before lookup, because
 * HelpCrunch spells on-hold three ways and open two.
 */
import type { SourceId, UnifiedState } from './chat'

/** Normalised raw status → unified state, per source. Keys are `normalizeStatus()` outputs. */
export const STATE_TABLE: Readonly<Record<'helpcrunch' | 'deskdirector', Readonly<Record<string, UnifiedState>>>> = {
  helpcrunch: {
    new: 'waiting',
    opened: 'active',
    open: 'active',
    pending: 'pending',
    onhold: 'on-hold',
    closed: 'closed',
    nocommunication: 'closed',
    empty: 'ignored',
  },
  deskdirector: {
    created: 'waiting',
    handled: 'active',
    missed: 'missed',
    callback: 'callback',
    completed: 'closed',
  },
}

/** Lower-cases and strips spaces, dashes and underscores: `"On Hold"`, `"on-hold"` → `"onhold"`. */
export function normalizeStatus(raw: string): string {
  return raw.toLowerCase().replace(/[\s_-]+/g, '')
}

/** Maps a source's raw status to the unified state; unknown values give `'unknown'` (never throws). */
export function unifiedState(source: SourceId, raw: string): UnifiedState {
  const table = (STATE_TABLE as Record<string, Record<string, UnifiedState> | undefined>)[source]
  return table?.[normalizeStatus(raw)] ?? 'unknown'
}

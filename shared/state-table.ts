/**
 * How a source's raw status becomes a `UnifiedState`: each source owns its table (its folder's `states.ts`,
 * docs/architecture.md); this file only normalises the raw value and looks it up. Raw values are normalised
 * (lower case, spaces/dashes/underscores removed) before lookup, because a help desk may spell one status
 * several ways ("on hold", "on-hold", "onhold").
 */
import type { UnifiedState } from './chat'

/** Normalised raw status → unified state, for one source. Keys are `normalizeStatus()` outputs. */
export type StateTable = Readonly<Record<string, UnifiedState>>

/** Lower-cases and strips spaces, dashes and underscores: `"On Hold"`, `"on-hold"` → `"onhold"`. */
export function normalizeStatus(raw: string): string {
  return raw.toLowerCase().replace(/[\s_-]+/g, '')
}

/** Maps a raw status through a source's table; unknown values give `'unknown'` (never throws). */
export function unifiedState(table: StateTable | undefined, raw: string): UnifiedState {
  const key = normalizeStatus(raw)
  // Own keys only: a raw status like "constructor" must not find something on the prototype.
  return (table && Object.hasOwn(table, key) ? table[key] : undefined) ?? 'unknown'
}

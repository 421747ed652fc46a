import { describe, expect, it } from 'vitest'
import { DESKDIRECTOR_STATES } from '../electron/core/sources/deskdirector/states'
import { HELPCRUNCH_STATES } from '../electron/core/sources/helpcrunch/states'
import type { UnifiedState } from './chat'
import { unifiedState as lookUp, normalizeStatus, type StateTable } from './state-table'

const TABLES: Record<string, StateTable> = { helpcrunch: HELPCRUNCH_STATES, deskdirector: DESKDIRECTOR_STATES }
const unifiedState = (source: string, raw: string) => lookUp(TABLES[source], raw)

// The unified state table (docs/architecture.md), row by row.
const rows: [string, string, UnifiedState][] = [
  ['helpcrunch', 'new', 'waiting'],
  ['helpcrunch', 'opened', 'active'],
  ['helpcrunch', 'open', 'active'],
  ['helpcrunch', 'pending', 'pending'],
  ['helpcrunch', 'onhold', 'on-hold'],
  ['helpcrunch', 'on hold', 'on-hold'],
  ['helpcrunch', 'on-hold', 'on-hold'],
  ['helpcrunch', 'closed', 'closed'],
  ['helpcrunch', 'no communication', 'closed'],
  ['helpcrunch', 'empty', 'ignored'],
  ['deskdirector', 'created', 'waiting'],
  ['deskdirector', 'handled', 'active'],
  ['deskdirector', 'missed', 'missed'],
  ['deskdirector', 'callback', 'callback'],
  ['deskdirector', 'completed', 'closed'],
]

describe('unified state table', () => {
  it.each(rows)('%s "%s" → %s', (source, raw, state) => {
    expect(unifiedState(source, raw)).toBe(state)
  })

  it.each([
    ['helpcrunch', 'archived'],
    ['helpcrunch', '3'],
    ['deskdirector', 'new'],
    ['deskdirector', 'pending'],
    ['zendesk', 'new'],
  ])('%s "%s" is unknown, not a crash', (source, raw) => {
    expect(unifiedState(source, raw)).toBe('unknown')
  })

  it('ignores case and separators', () => {
    expect(unifiedState('helpcrunch', 'On_Hold')).toBe('on-hold')
    expect(unifiedState('deskdirector', 'CREATED')).toBe('waiting')
    expect(normalizeStatus('No  Communication')).toBe('nocommunication')
  })
})

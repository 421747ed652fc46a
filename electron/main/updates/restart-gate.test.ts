import { describe, expect, it } from 'vitest'
import { type RestartFacts, restartBlocker } from './restart-gate'

// Wednesday 2026-12-02 12:00 in the process's zone; the shift is built from the same Date, so no zone is assumed.
const noon = new Date(2026, 11, 2, 12, 0).getTime()
const day = new Date(noon).getDay()
const quiet: RestartFacts = {
  pendingActions: 0,
  waitingChats: 0,
  shifts: [],
  now: noon,
  userAway: true,
  panelVisible: false,
}

describe('restarting by itself for an update', () => {
  it('happens only at a quiet moment: nothing running, no one waiting, off shift, agent away, panel closed', () => {
    expect(restartBlocker(quiet)).toBeNull()
    expect(restartBlocker({ ...quiet, pendingActions: 1 })).toBe('an action is still running')
    expect(restartBlocker({ ...quiet, waitingChats: 2 })).toBe('a customer is waiting')
    expect(restartBlocker({ ...quiet, shifts: [{ day, start: '09:00', end: '17:00' }] })).toBe('it is your shift')
    expect(restartBlocker({ ...quiet, shifts: [{ day, start: '13:00', end: '17:00' }] })).toBeNull()
    expect(restartBlocker({ ...quiet, panelVisible: true })).toBe('the panel is open')
    expect(restartBlocker({ ...quiet, userAway: false })).toBe('you are using the computer')
  })
})

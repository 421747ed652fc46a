import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log'
import { openState } from './state-dir'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('state directory', () => {
  it('reads overlays.json entry by entry: one damaged entry does not cost the other snoozes', () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-state-'))
    writeFileSync(
      join(dir, 'overlays.json'),
      JSON.stringify([
        ['deskdirector:a', { snoozedUntil: 5 }, 1],
        ['deskdirector:b', { snoozedUntil: 'tomorrow' }, 1],
        'garbage',
        ['helpcrunch:7', { readAtVersion: 3 }, 2],
      ]),
    )
    const state = openState(dir, silentLogger, () => 10)
    expect(state.overlays.get()).toEqual([
      ['deskdirector:a', { snoozedUntil: 5 }, 1],
      ['helpcrunch:7', { readAtVersion: 3 }, 2],
    ])
    expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([])
    state.flush()
  })
})

import { describe, expect, it } from 'vitest'
import { makeChat } from '../../../../tests/helpers/chats'
import { createEngine } from '../engine'
import { silentLogger } from '../log'
import { memoryCell } from './cell'
import { syncOverlays } from './overlay-sync'
import type { SavedOverlay } from './state-dir'

const DAY = 86_400_000
const NOW = 100 * DAY

describe('syncOverlays', () => {
  it('restores recent overlays before chats arrive, forgets stale ones, and saves changes and removals', () => {
    const engine = createEngine({ log: silentLogger, now: () => NOW })
    const cell = memoryCell<SavedOverlay[]>([
      ['deskdirector:a', { snoozedUntil: NOW + 60_000 }, NOW - DAY],
      ['deskdirector:old', { snoozedUntil: NOW - 9 * DAY }, NOW - 8 * DAY],
    ])
    syncOverlays(engine.bus, engine.store, cell, () => NOW, 7 * DAY)
    expect(cell.get().map(([key]) => key)).toEqual(['deskdirector:a'])

    engine.store.apply(makeChat({ sourceId: 'a' }))
    expect(engine.store.get('deskdirector:a')?.snoozedUntil).toBe(NOW + 60_000)
    engine.store.apply(makeChat({ sourceId: 'b' }))
    engine.store.setOverlay('deskdirector:b', { readAtVersion: 1_700_000_000_000 }) // marks it read
    expect(cell.get().map(([key, overlay]) => [key, overlay])).toEqual([
      ['deskdirector:a', { snoozedUntil: NOW + 60_000 }],
      ['deskdirector:b', { readAtVersion: 1_700_000_000_000 }],
    ])
    engine.store.setOverlay('deskdirector:a', { snoozedUntil: null }) // unsnooze
    engine.store.remove('deskdirector:b', 'deleted')
    expect(cell.get()).toEqual([])
  })
})

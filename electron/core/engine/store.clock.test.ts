/** The store's rule for versions dated ahead of their sender's clock (issue 24, item 4; DESIGN §3). */
import { describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from './log'
import { ChatStore } from './store'

const T = 1_800_000_000_000
const HOUR = 3_600_000

function setup() {
  const ahead: [string, number][] = []
  const store = new ChatStore(
    () => {},
    silentLogger,
    (chat, byMs) => ahead.push([chat.key, byMs]),
  )
  return { store, ahead }
}

describe('versions dated ahead of their sender', () => {
  it('are taken and told, and a later real change still replaces them', () => {
    const { store, ahead } = setup()
    store.apply(makeChat({ updatedAt: T + 20 * HOUR }), { senderNow: T })
    expect(ahead).toEqual([['deskdirector:1530162945-9852', 20 * HOUR]])
    const missed = makeChat({ state: 'missed', rawStatus: 'missed', updatedAt: T + 60_000 })
    expect(store.apply(missed, { senderNow: T + 60_000 })?.type).toBe('chat.changed')
    // The real version is ordered by its own time again: an older copy is stale.
    expect(store.apply(makeChat({ updatedAt: T + 30_000 }), { senderNow: T + 90_000 })).toBeNull()
  })

  it('within the tolerance (a minute) they are ordinary versions', () => {
    const { store, ahead } = setup()
    store.apply(makeChat({ updatedAt: T + 50_000 }), { senderNow: T })
    expect(ahead).toEqual([])
    expect(store.apply(makeChat({ state: 'missed', updatedAt: T + 40_000 }), { senderNow: T + 40_000 })).toBeNull()
  })

  it('two versions both dated ahead (one skewed clock) compare by their own times', () => {
    const { store } = setup()
    store.apply(makeChat({ state: 'active', updatedAt: T + 2 * HOUR }), { senderNow: T })
    expect(store.apply(makeChat({ updatedAt: T + HOUR }), { senderNow: T + 1_000 })).toBeNull()
    expect(store.apply(makeChat({ state: 'closed', updatedAt: T + 3 * HOUR }), { senderNow: T + 2_000 })).not.toBeNull()
  })

  it('a removed chat dated ahead leaves a tombstone at its arrival, so a real later copy is taken', () => {
    const { store } = setup()
    const key = 'deskdirector:1530162945-9852'
    store.apply(makeChat({ updatedAt: T + 20 * HOUR }), { senderNow: T })
    store.remove(key, 'deleted')
    expect(store.apply(makeChat({ updatedAt: T + 60_000 }), { senderNow: T + 60_000 })?.type).toBe('chat.added')
  })

  it('a forced version (an action answer, the hub) is never judged ahead', () => {
    const { store, ahead } = setup()
    store.apply(makeChat({ updatedAt: T + 20 * HOUR }), { force: true, senderNow: T })
    expect(ahead).toEqual([])
  })
})

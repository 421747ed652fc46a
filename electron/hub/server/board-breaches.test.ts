import { afterEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { type BoardBreaches, trackBreaches } from './board-breaches'

const DAY = 86_400_000
// Day keys from the clock alone (no time zone involved): day n starts at n * DAY.
const dayOf = (at: number) => `day-${Math.floor(at / DAY)}`
let tracker: BoardBreaches | null = null
afterEach(() => tracker?.close())

describe('breaches today, kept by the hub', () => {
  it('counts a waiting chat once when it passes its target, keeps it after it is answered, and forgets it tomorrow', () => {
    let now = 10 * DAY + 3_600_000
    const late = makeChat({ sourceId: 'late', createdAt: now - 30_000, updatedAt: now - 30_000 })
    const early = makeChat({ sourceId: 'early', createdAt: now - 10_000, updatedAt: now - 10_000 })
    let chats = [late, early]
    tracker = trackBreaches({ chats: () => chats, targetMs: () => 20_000, now: () => now, dayOf })
    expect(tracker.today()).toEqual([late.key])
    now += 15_000
    expect(tracker.today()).toEqual([late.key, early.key])
    // Answered and gone from the hub: still today's breach.
    chats = []
    expect(tracker.today()).toEqual([late.key, early.key])
    now = 11 * DAY + 1
    expect(tracker.today()).toEqual([])
  })

  it('counts a version that was late even when the next one, answered, came before the next check', () => {
    const now = 10 * DAY + 3_600_000
    const late = makeChat({ sourceId: 'late', createdAt: now - 30_000, updatedAt: now - 30_000 })
    tracker = trackBreaches({ chats: () => [], targetMs: () => 20_000, now: () => now, dayOf })
    tracker.note(late)
    expect(tracker.today()).toEqual([late.key])
  })

  it('does not count a chat nobody owes an answer (taken, or the agent spoke last)', () => {
    const now = 10 * DAY + 3_600_000
    const taken = makeChat({ sourceId: 't', createdAt: now - 60_000, handledAt: now - 50_000 })
    tracker = trackBreaches({ chats: () => [taken], targetMs: () => 20_000, now: () => now, dayOf })
    expect(tracker.today()).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { AlertJournal, type JournalSink } from './journal'

const DAY = 86_400_000

function recordingSink() {
  const calls: { append?: string; durable?: boolean; rewrite?: string }[] = []
  const sink: JournalSink = {
    append: (text, durable) => calls.push({ append: text, durable }),
    rewrite: (text) => calls.push({ rewrite: text }),
  }
  return { sink, calls }
}

describe('AlertJournal', () => {
  it('writes records durably (one fsync per batch) and close marks without fsync', () => {
    let now = 10 * DAY
    const { sink, calls } = recordingSink()
    const j = new AlertJournal(() => now, undefined, sink)
    j.record([
      { id: 'c:1|new|5', chat: 'c:1', kind: 'new', ep: 5 },
      { id: 'c:2|new|6', chat: 'c:2', kind: 'new', ep: 6 },
    ])
    j.record([{ id: 'c:1|new|5', chat: 'c:1', kind: 'new', ep: 5 }]) // already known: no write
    j.markClosed('c:1')
    now += 1
    expect(calls.map((c) => c.durable)).toEqual([true, false])
    expect(j.has('c:2|new|6')).toBe(true)
    expect(j.latestEpisode('c:1', 'new')).toBe(5)
  })

  it('prunes closed chats after the retention period and everything after max age, and caps the size', () => {
    let now = 100 * DAY
    const j = new AlertJournal(() => now, { retentionMs: 7 * DAY, maxAgeMs: 30 * DAY, maxRecords: 3 })
    j.record([{ id: 'closed|new|1', chat: 'closed', kind: 'new', ep: 1 }])
    j.record([{ id: 'open|new|1', chat: 'open', kind: 'new', ep: 1 }])
    j.markClosed('closed')
    now += 8 * DAY
    j.compact()
    expect(j.has('closed|new|1')).toBe(false)
    expect(j.has('open|new|1')).toBe(true)
    for (let i = 0; i < 5; i++) j.record([{ id: `x${i}`, chat: `x${i}`, kind: 'new', ep: i }])
    j.compact()
    expect(j.size).toBe(3)
    expect(j.has('x4')).toBe(true)
    now += 31 * DAY
    j.compact()
    expect(j.size).toBe(0)
  })

  it('round-trips through its text form; a record after a close mark reopens the chat', () => {
    const now = 50 * DAY
    const a = new AlertJournal(() => now)
    a.record([{ id: 'k|new|1', chat: 'k', kind: 'new', ep: 1 }])
    a.markClosed('k')
    a.record([{ id: 'k|new|9', chat: 'k', kind: 'new', ep: 9 }])
    const b = new AlertJournal(() => now + 8 * DAY)
    expect(b.load(a.serialise())).toEqual({ records: 2, invalid: 0, truncatedTail: false })
    expect(b.latestEpisode('k', 'new')).toBe(9)
  })

  it('holds at most maxRecords, forgetting the oldest one at a time', () => {
    const journal = new AlertJournal(() => 1_000, { retentionMs: 1e9, maxAgeMs: 1e9, maxRecords: 3 })
    for (let n = 0; n < 5; n++) journal.record([{ id: `r${n}`, chat: `c:${n}`, kind: 'new', ep: n }])
    expect(journal.size).toBe(3)
    expect(['r0', 'r1', 'r2', 'r3', 'r4'].map((id) => journal.has(id))).toEqual([false, false, true, true, true])
    expect(journal.knowsChat('c:0')).toBe(false)
    expect(journal.latestEpisode('c:4', 'new')).toBe(4)
  })
})

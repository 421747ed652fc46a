import { describe, expect, it } from 'vitest'
import type { SourceStatus } from '../../../shared/protocol'
import { silentLogger } from '../../core/engine/log'
import { createLocalFeed } from './local-feed'
import { timedFeed } from './timed-feed'

const status: SourceStatus = { source: 'ticketbox', state: 'ok', message: null, warnings: [], lastOkAt: null, at: 1 }

describe('the fan-out timed feed', () => {
  it('hands each change to every stream in one subscription and observes the time it took', () => {
    const feed = createLocalFeed({ stateDir: null, maxEntries: 10, log: silentLogger })
    const observed: number[] = []
    let clock = 10
    const timed = timedFeed(
      feed,
      (s) => observed.push(s),
      () => clock,
    )
    // No stream yet: nothing to time.
    feed.publish('source.status', { status })
    expect(observed).toEqual([])
    const got: string[] = []
    const stopA = timed.subscribe((entry) => {
      got.push(`a${entry.id}`)
      clock += 0.25
    })
    timed.subscribe((entry) => {
      got.push(`b${entry.id}`)
      // A stream dropped while sending (its unsubscribe runs inside the fan-out) is skipped safely.
      stopA()
      clock += 0.5
    })
    const entry = feed.publish('source.status', { status })
    expect(got).toEqual([`a${entry.id}`, `b${entry.id}`])
    expect(observed).toEqual([0.75])
    // Log and ids are the feed's own.
    expect(timed.lastId()).toBe(entry.id)
    expect(timed.since(entry.id)).toEqual([])
    timed.close()
    feed.publish('source.status', { status })
    expect(observed).toHaveLength(1)
  })

  it('passes every argument of a publish to the feed (a shared feed takes more than the name and the data)', () => {
    const feed = createLocalFeed({ stateDir: null, maxEntries: 10, log: silentLogger })
    const seen: unknown[][] = []
    const recording = {
      ...feed,
      publish: (...args: unknown[]) => {
        seen.push(args)
        return (feed.publish as (...a: unknown[]) => ReturnType<typeof feed.publish>)(...args)
      },
    } as typeof feed
    const timed = timedFeed(recording, () => {})
    ;(timed.publish as (...a: unknown[]) => unknown)('source.status', { status }, { fence: 3 })
    expect(seen).toEqual([['source.status', { status }, { fence: 3 }]])
  })
})

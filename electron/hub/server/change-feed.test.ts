import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../../core/engine/log'
import { createLocalFeed, FEED_FILE } from './change-feed'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})
const feedIn = (stateDir: string | null, maxEntries = 5) =>
  createLocalFeed({ stateDir, maxEntries, log: silentLogger, now: () => 1_000 })

describe('hub change feed', () => {
  it('numbers changes on from the start time and answers since() with exactly the later ones', () => {
    const feed = feedIn(null)
    expect(feed.lastId()).toBe(1_000)
    const seen: number[] = []
    feed.subscribe((entry) => seen.push(entry.id))
    const a = feed.publish('chat.added', { chat: makeChat({ sourceId: 'a', key: 'deskdirector:a' }) })
    feed.publish('chat.removed', { key: 'deskdirector:a', reason: 'deleted' })
    expect(seen).toEqual([1_001, 1_002])
    expect(a.frame).toMatch(/^id: 1001\nevent: chat\.added\ndata: \{.*\}\n\n$/)
    expect(feed.since(1_000)?.map((e) => e.id)).toEqual([1_001, 1_002])
    expect(feed.since(1_001)?.map((e) => e.name)).toEqual(['chat.removed'])
    expect(feed.since(1_002)).toEqual([])
    expect(feed.since(5_000)).toBeNull() // from another (newer) log
  })

  it('keeps a bounded log: a resume point older than it is refused (the client gets a snapshot)', () => {
    const feed = feedIn(null, 3)
    for (let i = 0; i < 6; i++) feed.publish('chat.removed', { key: `deskdirector:${i}`, reason: 'deleted' })
    expect(feed.since(1_003)?.map((e) => e.id)).toEqual([1_004, 1_005, 1_006])
    expect(feed.since(1_002)).toBeNull()
  })

  it('survives a restart from the state directory, compacting the file past twice its bound', () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-feed-'))
    const first = feedIn(dir, 3)
    for (let i = 0; i < 10; i++) first.publish('chat.removed', { key: `deskdirector:${i}`, reason: 'deleted' })
    expect(readFileSync(join(dir, FEED_FILE), 'utf8').trim().split('\n').length).toBeLessThanOrEqual(6)
    const second = feedIn(dir, 3)
    expect(second.lastId()).toBe(1_010)
    expect(second.since(1_008)?.map((e) => e.frame)).toEqual(first.since(1_008)?.map((e) => e.frame))
    expect(second.publish('chat.removed', { key: 'deskdirector:x', reason: 'deleted' }).id).toBe(1_011)
  })
})

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { type Logger, silentLogger } from '../../core/engine/log'
import { AppendLog } from '../../core/engine/persistence/append-log'
import { createLocalFeed, FEED_FILE, FEED_GUARD_FILE, type FeedWriter, type LocalFeed } from './local-feed'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})
const tempDir = () => {
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-feed-'))
  return dir
}
const feedIn = (stateDir: string | null, maxEntries = 5, now = () => 1_000, writer?: FeedWriter, log = silentLogger) =>
  createLocalFeed({ stateDir, maxEntries, log, now, writer })
const removed = (feed: LocalFeed, key: string) => feed.publish('chat.removed', { key, reason: 'deleted' })
const ids = (entries: { id: string }[] | null) => entries?.map((e) => e.id) ?? null

/** An AppendLog on the real file whose disk can be made to fail (the record is then lost, as on a full disk). */
function flakyWriter(path: string) {
  const real = new AppendLog(path, silentLogger, () => 0, { appendFailed: 'append failed', compactFailed: 'no' })
  let failing = false
  let unsaved = 0
  const writer: FeedWriter = {
    readPrevious: () => real.readPrevious(),
    copyAside: (why) => real.copyAside(why),
    append(record) {
      if (failing) unsaved++
      else {
        real.append(record)
        unsaved = 0
      }
    },
    get unsaved() {
      return unsaved
    },
    get appended() {
      return real.appended
    },
    rewrite: (records) => real.rewrite(records),
    close: () => real.close(),
  }
  return { writer, fail: (on: boolean) => (failing = on) }
}

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  const record = (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`)
  return { lines, debug: record, info: record, warn: record, error: record }
}

describe('hub change feed', () => {
  it('numbers changes on from the start time and answers since() with exactly the later ones', () => {
    const feed = feedIn(null)
    expect(feed.lastId()).toBe('1000')
    const seen: string[] = []
    feed.subscribe((entry) => seen.push(entry.id))
    const a = feed.publish('chat.added', { chat: makeChat({ sourceId: 'a', key: 'deskdirector:a' }) })
    removed(feed, 'deskdirector:a')
    expect(seen).toEqual(['1001', '1002'])
    expect(a.frame).toMatch(/^id: 1001\nevent: chat\.added\ndata: \{.*\}\n\n$/)
    expect(ids(feed.since('1000'))).toEqual(['1001', '1002'])
    expect(feed.since('1001')?.map((e) => e.name)).toEqual(['chat.removed'])
    expect(feed.since('1002')).toEqual([])
    expect(feed.since('5000')).toBeNull() // from another (newer) log
    expect(feed.since('1700000000000-0')).toBeNull() // another feed's id form
  })

  it('ids follow the clock, so they are not consecutive; a resume finds its id, not a position', () => {
    let clock = 1_000
    const feed = feedIn(null, 10, () => clock)
    for (const step of [0, 50, 0, 7_000]) {
      clock += step
      removed(feed, `deskdirector:${clock}`)
    }
    expect(ids(feed.since('1000'))).toEqual(['1001', '1050', '1051', '8050'])
    expect(ids(feed.since('1051'))).toEqual(['8050'])
    // An id between two real ones was never issued: nobody can hold it, and it gets no replay.
    expect(feed.since('1049')).toBeNull()
    expect(feed.since('1002')).toBeNull()
  })

  it('keeps a bounded log: a resume point older than it is refused (the client gets a snapshot)', () => {
    const feed = feedIn(null, 3)
    for (let i = 0; i < 6; i++) removed(feed, `deskdirector:${i}`)
    expect(ids(feed.since('1003'))).toEqual(['1004', '1005', '1006'])
    expect(feed.since('1002')).toBeNull()
  })

  it('survives a restart from the state directory, compacting the file past twice its bound', () => {
    const stateDir = tempDir()
    const first = feedIn(stateDir, 3)
    for (let i = 0; i < 10; i++) removed(first, `deskdirector:${i}`)
    expect(readFileSync(join(stateDir, FEED_FILE), 'utf8').trim().split('\n').length).toBeLessThanOrEqual(6)
    first.close?.()
    const second = feedIn(stateDir, 3)
    expect(second.lastId()).toBe('1010')
    expect(second.since('1008')?.map((e) => e.frame)).toEqual(first.since('1008')?.map((e) => e.frame))
    // Above every id the first run reserved: no id a desktop may hold is issued again.
    expect(Number(removed(second, 'deskdirector:x').id)).toBeGreaterThan(1010)
    expect(ids(second.since('1010'))).toHaveLength(1)
  })

  it('a change the disk did not take is still streamed; after a restart no resume hands out a wrong replay', () => {
    const stateDir = tempDir()
    const disk = flakyWriter(join(stateDir, FEED_FILE))
    const first = feedIn(stateDir, 100, () => 1_000, disk.writer)
    const streamed: string[] = []
    first.subscribe((e) => streamed.push(e.id))
    removed(first, 'deskdirector:a') // 1001, logged
    disk.fail(true)
    removed(first, 'deskdirector:b') // 1002, streamed but lost
    removed(first, 'deskdirector:c') // 1003, streamed but lost
    expect(streamed).toEqual(['1001', '1002', '1003'])
    // In this run the memory log is whole: resumes stay exact.
    expect(ids(first.since('1001'))).toEqual(['1002', '1003'])
    expect(first.health?.()).toMatchObject({ intact: false, appendFailures: 2 })
    // The hub is killed (no clean stop) while the disk is still full; it restarts with its clock behind.
    const second = feedIn(stateDir, 100, () => 500)
    const next = removed(second, 'deskdirector:d')
    // A desktop that saw 1001 (or 1003) must not get just "d": it missed b and c, or d could reuse its id.
    expect(second.since('1001')).toBeNull()
    expect(second.since('1003')).toBeNull()
    expect(Number(next.id)).toBeGreaterThan(1003)
    expect(second.health?.()).toMatchObject({ atLoad: { notResumable: 1 } })
  })

  it('a lost change in the middle of the file (the disk came back) stops resumes before it, not after it', () => {
    const stateDir = tempDir()
    const disk = flakyWriter(join(stateDir, FEED_FILE))
    const first = feedIn(stateDir, 100, () => 1_000, disk.writer)
    removed(first, 'deskdirector:a') // 1001
    disk.fail(true)
    removed(first, 'deskdirector:b') // 1002 lost
    disk.fail(false)
    removed(first, 'deskdirector:c') // 1003 logged, after the gap
    removed(first, 'deskdirector:d') // 1004
    expect(first.health?.()).toMatchObject({ intact: true })
    const second = feedIn(stateDir, 100)
    expect(second.since('1001')).toBeNull() // would skip b
    expect(ids(second.since('1002'))).toEqual(['1003', '1004']) // b was streamed: resuming after it is exact
    expect(ids(second.since('1003'))).toEqual(['1004'])
    expect(second.health?.()).toMatchObject({ atLoad: { gaps: 1 } })
  })

  it('validates entries at load: a valid-JSON line desktops would refuse is dropped, copied aside, never replayed', () => {
    const stateDir = tempDir()
    const first = feedIn(stateDir, 100)
    removed(first, 'deskdirector:a') // 1001
    removed(first, 'deskdirector:b') // 1002
    first.close?.()
    const path = join(stateDir, FEED_FILE)
    const chat = { ...makeChat({ sourceId: 'x', key: 'deskdirector:x' }), updatedAt: 'yesterday' }
    const bad = JSON.stringify({ id: 1003, prev: 1002, name: 'chat.added', data: { chat } })
    const after = JSON.stringify({
      id: 1004,
      prev: 1003,
      name: 'chat.removed',
      data: { key: 'deskdirector:x', reason: 'deleted' },
    })
    writeFileSync(path, `${readFileSync(path, 'utf8')}${bad}\n${after}\n`)
    const log = recordingLog()
    const second = feedIn(stateDir, 100, () => 1_000, undefined, log)
    expect(second.since('1002')).toBeNull() // the refused line would lock every resuming desktop in a loop
    expect(ids(second.since('1003'))).toEqual(['1004'])
    expect(second.since('1003')?.[0]?.frame).not.toContain('yesterday')
    expect(log.lines.some((l) => l.startsWith('hub replay log: unreadable lines skipped'))).toBe(true)
    expect(readdirSync(stateDir).some((name) => name.startsWith(`${FEED_FILE}.corrupt-`))).toBe(true)
  })

  it('a log that ends mid-line, or has no guard saying it is whole, is not resumed from', () => {
    const stateDir = tempDir()
    const first = feedIn(stateDir, 100)
    removed(first, 'deskdirector:a') // 1001
    removed(first, 'deskdirector:b') // 1002
    first.close?.()
    const path = join(stateDir, FEED_FILE)
    const whole = readFileSync(path, 'utf8')
    writeFileSync(path, `${whole}{"id":1003,"prev":1002,"na`)
    expect(feedIn(stateDir, 100).since('1002')).toBeNull()
    writeFileSync(path, whole)
    rmSync(join(stateDir, FEED_GUARD_FILE))
    const unguarded = feedIn(stateDir, 100)
    expect(unguarded.since('1001')).toBeNull()
    expect(Number(unguarded.lastId())).toBeGreaterThan(1002)
  })

  it('an unreadable log is set aside and the feed starts fresh with a warning', () => {
    const stateDir = tempDir()
    mkdirSync(join(stateDir, FEED_FILE)) // reading it fails (EISDIR)
    const log = recordingLog()
    const feed = feedIn(stateDir, 10, () => 1_000, undefined, log)
    expect(log.lines.some((l) => l.startsWith('state file unreadable; moved aside'))).toBe(true)
    expect(ids([removed(feed, 'deskdirector:a')])).toEqual(['1001'])
    expect(ids(feed.since('1000'))).toEqual(['1001'])
  })
})

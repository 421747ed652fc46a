/**
 * The append log on a failing disk (issue 24, item 6), with an injected file system over a real temp file:
 * short writes, a disk that fills mid-record, a cut back that fails, an fsync that fails, and a file left
 * ending mid-record by a crash. Every record appended is in the file once the disk takes it, whole and in order.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../log'
import { type AppendFs, AppendLog, MAX_WAITING_BYTES, NODE_APPEND_FS, RETRY_MS } from './append-log'
import { StateHealth } from './state-health'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-append-faults-'))
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })

/** The real file system with knobs: at most `chunk` bytes per write, and a disk with `free` bytes left. */
function faultyFs() {
  const knobs = { chunk: Number.POSITIVE_INFINITY, free: Number.POSITIVE_INFINITY, truncateFails: false, fsyncFails: 0 }
  const fs: AppendFs = {
    ...NODE_APPEND_FS,
    writeSync(fd, buffer, offset, length) {
      if (knobs.free <= 0) throw enospc()
      const n = Math.min(length, knobs.chunk, knobs.free)
      knobs.free -= n
      return NODE_APPEND_FS.writeSync(fd, buffer, offset, n)
    },
    ftruncateSync(fd, length) {
      if (knobs.truncateFails) throw Object.assign(new Error('EIO'), { code: 'EIO' })
      NODE_APPEND_FS.ftruncateSync(fd, length)
    },
    fsyncSync(fd) {
      if (knobs.fsyncFails > 0) {
        knobs.fsyncFails--
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
      }
      NODE_APPEND_FS.fsyncSync(fd)
    },
    writeFileAtomic(path, text) {
      if (knobs.free < text.length) throw enospc()
      NODE_APPEND_FS.writeFileAtomic(path, text)
    },
  }
  return { fs, knobs }
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean)
const record = (n: number) => ({ n, text: 'x'.repeat(40) })

function logOn(fs: AppendFs, options: { syncMs?: number; snapshot?: () => string } = {}) {
  const path = join(dir, 'log.ndjson')
  const health = new StateHealth()
  const log = new AppendLog(path, silentLogger, () => 0, {
    appendFailed: 'append failed',
    compactFailed: 'compact failed',
    health,
    fs,
    ...options,
  })
  return { path, health, log }
}

describe('append log on a failing disk', () => {
  it('loops over short writes until every byte is out', () => {
    const { fs, knobs } = faultyFs()
    knobs.chunk = 3
    const { path, log } = logOn(fs)
    for (let n = 0; n < 5; n++) log.append(record(n))
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual([0, 1, 2, 3, 4])
    log.close()
  })

  it('a disk that fills mid-record: cut back, told, kept in order, written when space returns', () => {
    const { fs, knobs } = faultyFs()
    const { path, health, log } = logOn(fs)
    log.append(record(0))
    knobs.free = 20 // the next record tears after 20 bytes
    log.append(record(1))
    log.append(record(2))
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(record(0))}\n`) // no torn bytes left behind
    expect(log.unsaved).toBe(2)
    expect(health.counters().unsaved).toEqual({ 'log.ndjson': 2 })
    expect(health.unsavedNotice()).toMatch(/the disk is full\): changes to log\.ndjson wait in memory/)
    // One more record waiting is not a new warning (on the hub every status change is itself logged).
    const before = health.unsavedNotice()
    log.append(record(3))
    expect(health.unsavedNotice()).toBe(before)
    expect(health.counters().unsaved).toEqual({ 'log.ndjson': 3 })
    knobs.free = Number.POSITIVE_INFINITY
    vi.advanceTimersByTime(RETRY_MS)
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual([0, 1, 2, 3])
    expect(health.unsavedNotice()).toBeNull()
    expect(health.counters()).toMatchObject({ unsaved: {}, savedLater: 3 })
    log.close()
  })

  it('the next append retries at once, before the timer (space came back)', () => {
    const { fs, knobs } = faultyFs()
    const { path, log } = logOn(fs)
    knobs.free = 0
    log.append(record(0))
    knobs.free = Number.POSITIVE_INFINITY
    log.append(record(1))
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual([0, 1])
    expect(log.unsaved).toBe(0)
    log.close()
  })

  it('when even the cut back fails, the torn bytes are cut before the next write, never glued to it', () => {
    const { fs, knobs } = faultyFs()
    const { path, log } = logOn(fs)
    log.append(record(0))
    knobs.free = 10
    knobs.truncateFails = true
    log.append(record(1))
    expect(readFileSync(path, 'utf8').length).toBe(JSON.stringify(record(0)).length + 1 + 10) // torn for now
    knobs.truncateFails = false
    knobs.free = Number.POSITIVE_INFINITY
    log.append(record(2))
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual([0, 1, 2])
    log.close()
  })

  it('an fsync that fails writes the unsynced records again (synced logs)', () => {
    const { fs, knobs } = faultyFs()
    const { path, log } = logOn(fs, { syncMs: 1_000 })
    log.append(record(0))
    vi.advanceTimersByTime(1_000)
    log.append(record(1))
    knobs.fsyncFails = 1
    vi.advanceTimersByTime(1_000) // the sync of record 1 fails
    expect(log.unsaved).toBe(1)
    vi.advanceTimersByTime(RETRY_MS)
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual([0, 1])
    expect(log.unsaved).toBe(0)
    log.close()
  })

  it('too much waiting: the owner snapshot is written instead once the disk takes it', () => {
    const { fs, knobs } = faultyFs()
    const held: number[] = []
    const { path, health, log } = logOn(fs, {
      snapshot: () => held.map((n) => `${JSON.stringify(record(n))}\n`).join(''),
    })
    knobs.free = 0
    const big = 'y'.repeat(64 * 1024)
    const count = Math.ceil(MAX_WAITING_BYTES / big.length) + 2
    for (let n = 0; n < count; n++) {
      held.push(n)
      log.append({ ...record(n), big })
    }
    expect(log.unsaved).toBe(count)
    expect(health.counters().unsaved['log.ndjson']).toBe(count)
    knobs.free = Number.POSITIVE_INFINITY
    vi.advanceTimersByTime(RETRY_MS)
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual(held)
    expect(log.unsaved).toBe(0)
    log.close()
  })

  it('a file a crash left ending mid-record gets a newline first: the next record stays readable', () => {
    const path = join(dir, 'log.ndjson')
    writeFileSync(path, `${JSON.stringify(record(0))}\n{"n":1,"te`)
    const log = new AppendLog(path, silentLogger, () => 0, { appendFailed: 'a', compactFailed: 'c' })
    log.append(record(2))
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      JSON.stringify(record(0)),
      '{"n":1,"te',
      JSON.stringify(record(2)),
      '',
    ])
    log.close()
  })

  it('close gives up retrying and says what was lost', () => {
    const { fs, knobs } = faultyFs()
    const error = vi.fn()
    const path = join(dir, 'log.ndjson')
    const log = new AppendLog(path, { ...silentLogger, error }, () => 0, { appendFailed: 'a', compactFailed: 'c', fs })
    knobs.free = 0
    log.append(record(0))
    log.close()
    expect(error).toHaveBeenLastCalledWith('state not saved before stopping', { file: 'log.ndjson', records: 1 })
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('append log without a snapshot (the hub replay log)', () => {
  it('past the memory bound drops the oldest waiting records, not new ones, and says so', () => {
    const { fs, knobs } = faultyFs()
    const error = vi.fn()
    const path = join(dir, 'log.ndjson')
    const log = new AppendLog(path, { ...silentLogger, error }, () => 0, { appendFailed: 'a', compactFailed: 'c', fs })
    knobs.free = 0
    const big = 'y'.repeat(64 * 1024)
    const count = Math.ceil(MAX_WAITING_BYTES / big.length) + 2
    for (let n = 0; n < count; n++) log.append({ n, big })
    expect(log.unsaved).toBeLessThan(count)
    expect(error).toHaveBeenCalledWith('state file: records dropped from memory while the disk refused them', {
      file: 'log.ndjson',
      dropped: expect.any(Number),
    })
    knobs.free = Number.POSITIVE_INFINITY
    vi.advanceTimersByTime(RETRY_MS)
    const written = lines(path).map((l) => JSON.parse(l).n)
    expect(written.at(-1)).toBe(count - 1) // the newest kept, in order
    expect(written).toEqual([...written].sort((a, b) => a - b))
    log.close()
  })
})

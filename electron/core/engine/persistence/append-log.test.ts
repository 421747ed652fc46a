import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Logger, silentLogger } from '../log'
import { AppendLog, appendLogAt } from './append-log'

const messages = { appendFailed: 'append failed', compactFailed: 'compact failed' }

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function freshPath(): string {
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-append-log-'))
  return join(dir, 'log.ndjson')
}

describe('append log', () => {
  it('appends one JSON line per record, readable without a close, in a private file', () => {
    const path = freshPath()
    const log = new AppendLog(path, silentLogger, () => 0, messages)
    log.append({ n: 1 })
    log.append('two')
    expect(log.appended).toBe(2)
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n"two"\n')
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600)
    log.close()
  })

  it('rewrites the file with the given records and restarts the count; later appends follow them', () => {
    const path = freshPath()
    const log = new AppendLog(path, silentLogger, () => 0, messages)
    for (let n = 0; n < 5; n++) log.append(n)
    log.rewrite([3, 4])
    expect(log.appended).toBe(0)
    log.append(5)
    expect(readFileSync(path, 'utf8')).toBe('3\n4\n5\n')
    expect(log.appended).toBe(1)
    log.close()
  })

  it('reads what an earlier run left, and none when there is no file', () => {
    const path = freshPath()
    expect(new AppendLog(path, silentLogger, () => 0, messages).readPrevious()).toBeNull()
    const first = new AppendLog(path, silentLogger, () => 0, messages)
    first.append('kept')
    expect(new AppendLog(path, silentLogger, () => 0, messages).readPrevious()).toBe('"kept"\n')
    first.close()
  })

  it('sets an unreadable file aside and reads it as none; copyAside keeps the original', () => {
    const path = freshPath()
    mkdirSync(path) // a directory where the file should be: reading it fails
    const log = new AppendLog(path, silentLogger, () => 0, messages)
    expect(log.readPrevious()).toBeNull()
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(dir as string).some((name) => name.startsWith('log.ndjson.corrupt-'))).toBe(true)

    const other = join(dir as string, 'other.ndjson')
    const second = new AppendLog(other, silentLogger, () => 1_000, messages)
    second.append('x')
    second.copyAside('1 unreadable line(s)')
    expect(readFileSync(other, 'utf8')).toBe('"x"\n')
    expect(readdirSync(dir as string).filter((name) => name.startsWith('other.ndjson.corrupt-'))).toHaveLength(1)
    second.close()
  })

  it('logs a failed append or rewrite with its own message instead of throwing', () => {
    const path = join(freshPath(), 'missing-dir', 'log.ndjson')
    const error = vi.fn()
    const logger: Logger = { ...silentLogger, error }
    const log = new AppendLog(path, logger, () => 0, messages)
    expect(() => log.append('x')).not.toThrow()
    expect(log.appended).toBe(0)
    expect(() => log.rewrite(['x'])).not.toThrow()
    expect(error.mock.calls.map((call) => call[0])).toEqual(['append failed', 'compact failed'])
  })

  it('is absent for a memory-only owner (no path) and a file log otherwise', () => {
    expect(appendLogAt(null, silentLogger, () => 0, messages)).toBeNull()
    const path = freshPath()
    const log = appendLogAt(path, silentLogger, () => 0, messages)
    log?.append(1)
    expect(readFileSync(path, 'utf8')).toBe('1\n')
    log?.close()
  })
})

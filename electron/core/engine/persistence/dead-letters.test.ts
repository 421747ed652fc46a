import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log'
import { DeadLetters } from './dead-letters'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('dead letters', () => {
  it('keep each item with its reason across a restart, bounded in count and size', () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-dead-'))
    const path = join(dir, 'dead-letters.ndjson')
    const limits = { maxEntries: 3, maxItemChars: 10 }
    const letters = new DeadLetters(path, silentLogger, () => 5, limits)
    for (let n = 0; n < 5; n++) letters.add('deskdirector', `reason ${n}`, { n })
    letters.add('helpcrunch', 'too long', 'x'.repeat(50))
    // No close(): what was appended must be readable after a crash.
    const reopened = new DeadLetters(path, silentLogger, () => 6, limits)
    expect(reopened.list().map((l) => [l.source, l.reason])).toEqual([
      ['deskdirector', 'reason 3'],
      ['deskdirector', 'reason 4'],
      ['helpcrunch', 'too long'],
    ])
    expect(reopened.list('helpcrunch')[0]?.item).toBe(`${'x'.repeat(10)}… (40 more characters)`)
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3)
  })
})

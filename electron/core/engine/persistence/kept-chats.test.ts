import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../../tests/helpers/chats'
import { silentLogger } from '../log'
import { KeptChats } from './kept-chats'

const NOW = Date.UTC(2026, 0, 5, 10)
let dir: string
let path: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-kept-'))
  path = join(dir, 'kept-chats.ndjson')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = (limits = {}) =>
  new KeptChats(path, silentLogger, () => NOW, {
    maxChats: 100,
    closedRetentionMs: 3_600_000,
    maxAgeMs: 86_400_000,
    syncMs: 1_000,
    ...limits,
  })
const dd = (id: string, state: 'waiting' | 'active' | 'closed', updatedAt = NOW) =>
  makeChat({ key: `deskdirector:${id}`, source: 'deskdirector', sourceId: id, state, updatedAt })

describe('KeptChats', () => {
  it('brings back the latest version of each chat after a crash (no close, no flush)', () => {
    const first = open()
    first.note(dd('a', 'waiting', NOW - 2))
    first.note(dd('a', 'active', NOW - 1))
    first.note(dd('b', 'waiting'))
    first.note(dd('c', 'waiting'))
    first.note(dd('c', 'closed')) // kept: its version stops a stale copy
    first.drop('deskdirector:b') // removed chats are not kept
    const second = open()
    expect(second.of('deskdirector').map((c) => [c.key, c.state])).toEqual([
      ['deskdirector:a', 'active'],
      ['deskdirector:c', 'closed'],
    ])
    expect(second.of('helpcrunch')).toEqual([])
  })

  it('drops closed chats after closedRetentionMs, any after maxAgeMs, keeps at most maxChats, and compacts', () => {
    const first = open({ maxChats: 4 }) // 'old' goes by the cap, 'closed-long-ago' by retention
    first.note(dd('old', 'waiting', NOW - 2 * 86_400_000))
    first.note(dd('closed-long-ago', 'closed', NOW - 2 * 3_600_000))
    for (const id of ['x', 'y', 'z']) first.note(dd(id, 'waiting'))
    first.close()
    expect(
      open()
        .of('deskdirector')
        .map((c) => c.sourceId),
    ).toEqual(['x', 'y', 'z'])
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3)
  })

  it('drops open chats without news for longer than maxAgeMs at load', () => {
    const first = open()
    first.note(dd('stale', 'waiting', NOW - 2 * 86_400_000))
    first.note(dd('fresh', 'waiting'))
    expect(
      open()
        .of('deskdirector')
        .map((c) => c.sourceId),
    ).toEqual(['fresh'])
  })

  it('skips a line cut short by a crash and a line that is not a chat, keeping the rest', () => {
    const first = open()
    first.note(dd('a', 'waiting'))
    appendFileSync(
      path,
      `${JSON.stringify({ t: 's', chat: { key: 'deskdirector:bad', state: 'waiting' } })}\n{"t":"s","ch`,
    )
    expect(
      open()
        .of('deskdirector')
        .map((c) => c.sourceId),
    ).toEqual(['a'])
  })

  it('keeps nothing and writes nothing in memory mode', () => {
    const memory = new KeptChats(null, silentLogger, () => NOW)
    memory.note(dd('a', 'waiting'))
    expect(memory.of('deskdirector')).toEqual([])
    expect(new KeptChats(null, silentLogger, () => NOW).of('deskdirector')).toEqual([])
  })
})

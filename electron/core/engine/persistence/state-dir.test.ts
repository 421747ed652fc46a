import { chmodSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../../tests/helpers/chats'
import { silentLogger } from '../log'
import { openState } from './state-dir'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('state directory', () => {
  it('reads overlays.json entry by entry: one damaged entry does not cost the other snoozes', () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-state-'))
    writeFileSync(
      join(dir, 'overlays.json'),
      JSON.stringify([
        ['deskdirector:a', { snoozedUntil: 5 }, 1],
        ['deskdirector:b', { snoozedUntil: 'tomorrow' }, 1],
        'garbage',
        ['helpcrunch:7', { readAtVersion: 3 }, 2],
      ]),
    )
    const state = openState(dir, silentLogger, () => 10)
    expect(state.overlays.get()).toEqual([
      ['deskdirector:a', { snoozedUntil: 5 }, 1],
      ['helpcrunch:7', { readAtVersion: 3 }, 2],
    ])
    expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([])
    state.flush()
  })

  // POSIX modes; Windows has no such bits (its profile's ACLs apply).
  it.skipIf(process.platform === 'win32')('keeps the directory 0700 and its files 0600, tightening older ones', () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-state-'))
    const fresh = join(dir, 'fresh')
    const old = join(dir, 'old')
    mkdirSync(old, { mode: 0o755 })
    chmodSync(old, 0o755)
    writeFileSync(join(old, 'dnd.json'), '{"until":null}', { mode: 0o644 })
    const mode = (path: string) => statSync(path).mode & 0o777
    for (const stateDir of [fresh, old]) {
      const state = openState(stateDir, silentLogger, () => 10)
      state.dnd.set({ until: 99 })
      state.journal.record([{ id: 'a', chat: 'deskdirector:x', kind: 'new', ep: 1 }])
      state.keptChats.drop('none')
      state.deadLetters.add('deskdirector', 'why', {})
      state.forSource('helpcrunch').deliveryIds.add('d-1')
      state.flush()
      expect(mode(stateDir)).toBe(0o700)
      const names = readdirSync(stateDir)
      expect(names).toEqual(expect.arrayContaining(['dnd.json', 'alerted.ndjson', 'dead-letters.ndjson']))
      expect(names.map((name) => [name, mode(join(stateDir, name))])).toEqual(names.map((name) => [name, 0o600]))
    }
  })

  it('keeps each source its own files, named by its id, and reads what an earlier run wrote', () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-state-'))
    // Written by a build from before per-source state: the same names must still load.
    writeFileSync(join(dir, 'helpcrunch-poll.json'), '{"value":1234}', { mode: 0o644 })
    writeFileSync(join(dir, 'helpcrunch-deliveries.ndjson'), '"d-old"\n', { mode: 0o644 })
    const state = openState(dir, silentLogger, () => 10)
    const helpcrunch = state.forSource('helpcrunch')
    expect(helpcrunch.highWaterMark.get()).toBe(1234)
    expect(helpcrunch.deliveryIds.has('d-old')).toBe(true)
    expect(state.forSource('helpcrunch')).toBe(helpcrunch)
    state.forSource('ticketbox').highWaterMark.set(7)
    expect(helpcrunch.highWaterMark.get()).toBe(1234)
    expect(() => state.forSource('../etc')).toThrow(/not a source id/)
    state.flush()
    expect(statSync(join(dir, 'helpcrunch-poll.json')).mode & 0o777).toBe(0o600)
    expect(
      openState(dir, silentLogger, () => 20)
        .forSource('ticketbox')
        .highWaterMark.get(),
    ).toBe(7)
  })

  it('renames the kept chats file of earlier builds (webhook-chats.ndjson) and restores its chats', () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-state-'))
    const chat = makeChat({ key: 'deskdirector:a', source: 'deskdirector', sourceId: 'a', updatedAt: 5 })
    const first = openState(dir, silentLogger, () => 10)
    first.keptChats.note(chat)
    first.flush()
    renameSync(join(dir, 'kept-chats.ndjson'), join(dir, 'webhook-chats.ndjson'))
    const again = openState(dir, silentLogger, () => 20)
    expect(again.keptChats.of('deskdirector').map((c) => c.key)).toEqual(['deskdirector:a'])
    again.flush()
    expect(readdirSync(dir)).toContain('kept-chats.ndjson')
    expect(readdirSync(dir)).not.toContain('webhook-chats.ndjson')
  })
})

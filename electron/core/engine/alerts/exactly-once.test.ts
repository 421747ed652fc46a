import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../../shared/alert'
import type { Chat } from '../../../../shared/chat'
import { buildAlerting } from '../../../../tests/helpers/alerting'
import { makeChat } from '../../../../tests/helpers/chats'
import type { SourceAdapter } from '../adapters'

const T0 = new Date(2026, 0, 5, 10, 0, 0).getTime()
let dir: string

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-alerts-'))
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

const dd = (id: string, overrides: Partial<Chat> = {}) =>
  makeChat({ sourceId: id, createdAt: T0, updatedAt: T0, ...overrides })
const noBatch = { alerts: { batchWindowMs: 0 } }
/** How many alerts mention each chat. */
const perChat = (alerts: Alert[]) => {
  const counts: Record<string, number> = {}
  for (const a of alerts) for (const key of a.chatKeys) counts[key] = (counts[key] ?? 0) + 1
  return counts
}

describe('exactly once', () => {
  it('a duplicate delivery raises nothing', () => {
    const t = buildAlerting({ settings: noBatch })
    t.engine.store.apply(dd('a'))
    t.engine.store.apply(dd('a'))
    t.engine.store.apply(dd('a', { updatedAt: T0 + 5, lastMessageText: 'hello?' }))
    expect(t.alerts.map((a) => a.id)).toEqual([`deskdirector:a|new|${T0}`])
  })

  it('an out-of-order delivery raises nothing (the older version is ignored)', () => {
    const t = buildAlerting({ settings: noBatch })
    t.engine.store.apply(dd('a', { state: 'missed', updatedAt: T0 + 10 }))
    t.engine.store.apply(dd('a', { updatedAt: T0 })) // the earlier "created" arrives late
    t.engine.store.apply(dd('a', { state: 'missed', updatedAt: T0 + 10 }))
    expect(t.alerts.map((a) => a.kind)).toEqual(['missed'])
  })

  it('a restart with the same state directory repeats nothing and alerts only what is new', () => {
    const first = buildAlerting({ settings: noBatch, stateDir: dir })
    first.engine.store.applyMany([dd('a'), dd('b', { state: 'missed' })])
    expect(first.alerts).toHaveLength(2)
    first.stop()

    const second = buildAlerting({ settings: noBatch, stateDir: dir })
    second.engine.store.applyMany([dd('a'), dd('b', { state: 'missed', updatedAt: T0 + 1 }), dd('c')])
    expect(second.alerts.map((a) => a.chatKeys)).toEqual([['deskdirector:c']])
  })

  it('is durable before the alert goes out: a crash (no stop, no flush) right after an alert repeats nothing', () => {
    const first = buildAlerting({ settings: noBatch, stateDir: dir })
    let onDisk = ''
    first.engine.bus.on(['alert'], () => {
      onDisk = readFileSync(join(dir, 'alerted.ndjson'), 'utf8')
    })
    first.engine.store.apply(dd('a'))
    expect(onDisk).toContain(`deskdirector:a|new|${T0}`)
    // no stop(): the process "dies" here
    const second = buildAlerting({ settings: noBatch, stateDir: dir })
    second.engine.store.apply(dd('a'))
    expect(second.alerts).toEqual([])
  })

  it('a crash mid-write (a leftover temp file and a truncated last line) neither blocks start-up nor repeats', () => {
    const first = buildAlerting({ settings: noBatch, stateDir: dir })
    first.engine.store.applyMany([dd('a'), dd('b')])
    writeFileSync(join(dir, `overlays.json.tmp-12345`), '[["half')
    writeFileSync(join(dir, 'someone-elses.tmp-1'), 'not ours') // a shared directory (userData)
    appendFileSync(join(dir, 'alerted.ndjson'), '{"t":"a","id":"deskdirector:c|new|1","ch')
    const second = buildAlerting({ settings: noBatch, stateDir: dir })
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual(['someone-elses.tmp-1'])
    second.engine.store.applyMany([dd('a'), dd('b'), dd('c')])
    expect(second.alerts.map((a) => a.chatKeys)).toEqual([['deskdirector:c']])
    // The journal was rewritten whole: every line parses.
    for (const line of readFileSync(join(dir, 'alerted.ndjson'), 'utf8').trim().split('\n')) JSON.parse(line)
  })

  it('a truncated journal (crash before the alert) loses nothing: that chat is alerted after the restart', () => {
    const first = buildAlerting({ settings: noBatch, stateDir: dir })
    first.engine.store.applyMany([dd('a'), dd('b')])
    const path = join(dir, 'alerted.ndjson')
    truncateSync(path, readFileSync(path, 'utf8').indexOf('\n') + 10) // b's record cut in half
    const second = buildAlerting({ settings: noBatch, stateDir: dir })
    second.engine.store.applyMany([dd('a'), dd('b')])
    expect(perChat(second.alerts)).toEqual({ 'deskdirector:b': 1 })
  })

  it('a corrupt state file is moved aside with a warning and start-up goes on', () => {
    writeFileSync(join(dir, 'dnd.json'), '{not json')
    writeFileSync(join(dir, 'overlays.json'), JSON.stringify({ wrong: 'shape' }))
    writeFileSync(
      join(dir, 'alerted.ndjson'),
      `garbage line\n{"t":"a","id":"deskdirector:a|new|1","chat":"deskdirector:a","kind":"new","ep":1,"at":${T0}}\n`,
    )
    const warn = vi.fn()
    const t = buildAlerting({ settings: noBatch, stateDir: dir, log: { debug() {}, info() {}, warn, error() {} } })
    const names = readdirSync(dir)
    expect(names.filter((n) => n.startsWith('dnd.json.corrupt-'))).toHaveLength(1)
    expect(names.filter((n) => n.startsWith('overlays.json.corrupt-'))).toHaveLength(1)
    expect(names.filter((n) => n.startsWith('alerted.ndjson.corrupt-'))).toHaveLength(1)
    expect(warn).toHaveBeenCalledTimes(3)
    expect(t.policy.dndUntil()).toBeNull()
    // The valid journal line was kept: chat a (episode 1) is not alerted again.
    t.engine.store.apply(dd('a', { createdAt: 1 }))
    t.engine.store.apply(dd('b'))
    expect(perChat(t.alerts)).toEqual({ 'deskdirector:b': 1 })
  })

  it('still-waiting reminders are keyed by repeat number and not repeated across a restart', () => {
    const first = buildAlerting({ settings: noBatch, stateDir: dir })
    first.engine.store.apply(dd('a'))
    vi.advanceTimersByTime(240_000)
    expect(first.alerts.map((a) => a.repeat ?? 0)).toEqual([0, 1, 2])
    first.stop()
    const second = buildAlerting({ settings: noBatch, stateDir: dir })
    second.engine.store.apply(dd('a'))
    vi.advanceTimersByTime(1)
    expect(second.alerts).toEqual([])
    vi.advanceTimersByTime(120_000)
    expect(second.alerts.map((a) => a.id)).toEqual([`deskdirector:a|still-waiting|${T0}|3`])
  })

  it('snoozes survive a restart; snooze-ended fires once, even if the snooze ended while closed', async () => {
    const first = buildAlerting({ settings: noBatch, stateDir: dir })
    first.engine.store.apply(dd('a'))
    await first.engine.dispatcher.runUntrusted('chat.snooze', { key: 'deskdirector:a', until: T0 + 60_000 })
    first.stop()

    const second = buildAlerting({ settings: noBatch, stateDir: dir })
    second.engine.store.apply(dd('a'))
    expect(second.engine.store.get('deskdirector:a')?.snoozedUntil).toBe(T0 + 60_000)
    second.stop()

    vi.advanceTimersByTime(90_000) // the snooze ends while the app is closed
    const third = buildAlerting({ settings: noBatch, stateDir: dir })
    third.engine.store.apply(dd('a'))
    expect(third.alerts.map((a) => a.kind)).toEqual(['snooze-ended'])
    third.stop()
    const fourth = buildAlerting({ settings: noBatch, stateDir: dir })
    fourth.engine.store.apply(dd('a'))
    expect(fourth.alerts).toEqual([])
  })

  it('manual DND survives a restart', () => {
    const first = buildAlerting({ stateDir: dir })
    first.policy.setDnd(T0 + 3_600_000)
    first.stop()
    expect(buildAlerting({ stateDir: dir }).policy.dndUntil()).toBe(T0 + 3_600_000)
  })
})

describe('start-up window', () => {
  function source(id: string): SourceAdapter {
    return {
      identity: {
        id,
        label: id,
        capabilities: { serverSnooze: false, assign: false, setStatus: false, markRead: false },
      },
      start: async () => {},
      stop: async () => {},
      status: () => ({ source: id, state: 'polling', message: null, warnings: [], lastOkAt: null, at: 0 }),
    }
  }

  it('the first sync becomes ONE summary once every source reports ok', () => {
    const t = buildAlerting({ settings: noBatch, adapters: [source('helpcrunch'), source('deskdirector')] })
    const chats = Array.from({ length: 40 }, (_, i) => dd(`c${i}`))
    t.engine.store.applyMany(chats)
    t.engine.contextFor('helpcrunch').reportStatus({ ...source('helpcrunch').status(), state: 'ok' })
    expect(t.alerts).toEqual([])
    t.engine.contextFor('deskdirector').reportStatus({ ...source('deskdirector').status(), state: 'ok' })
    expect(t.alerts).toHaveLength(1)
    expect(t.alerts[0]).toMatchObject({
      kind: 'summary',
      reason: 'startup',
      title: 'Since you were last here: 40 chats need attention',
    })
    t.engine.store.apply(dd('later'))
    expect(t.alerts.map((a) => a.kind)).toEqual(['summary', 'new'])
  })

  it('ends after startupWindowSeconds even if a source never settles', () => {
    const t = buildAlerting({
      settings: { alerts: { batchWindowMs: 0, startupWindowSeconds: 5 } },
      adapters: [source('x')],
    })
    t.engine.store.applyMany([dd('a'), dd('b')])
    vi.advanceTimersByTime(4_999)
    expect(t.alerts).toEqual([])
    vi.advanceTimersByTime(1)
    expect(t.alerts.map((a) => [a.kind, a.chatKeys.length])).toEqual([['summary', 2]])
  })

  it('with nothing held there is no summary; with one chat the alert goes out as itself', () => {
    const t = buildAlerting({ settings: noBatch, adapters: [source('x')], start: false })
    t.engine.store.apply(dd('a'))
    t.policy.start()
    t.engine.contextFor('x').reportStatus({ ...source('x').status(), state: 'ok' })
    expect(t.alerts.map((a) => a.kind)).toEqual(['new'])
  })
})

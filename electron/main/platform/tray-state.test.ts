import { describe, expect, it } from 'vitest'
import type { SourceStatus } from '../../../shared/protocol'
import { makeChat } from '../../../tests/helpers/chats'
import { type TrayInputs, trayCounts, trayState, trayTitle, trayTooltip } from './tray-state'

const NOW = 1_700_000_100_000
const status = (source: string, state: SourceStatus['state'], message: string | null = null): SourceStatus => ({
  source,
  state,
  message,
  warnings: [],
  lastOkAt: null,
  at: NOW,
})
const inputs = (over: Partial<TrayInputs> = {}): TrayInputs => ({
  chats: [],
  sources: [status('helpcrunch', 'ok'), status('deskdirector', 'ok')],
  dndUntil: null,
  unseenAlerts: 0,
  now: NOW,
  ...over,
})
const waiting = makeChat({ state: 'waiting', unread: false })
const unread = makeChat({ sourceId: '2', state: 'active', unread: true })

describe('trayState precedence', () => {
  it('is idle with nothing to do', () => expect(trayState(inputs())).toBe('idle'))
  it('unread beats idle', () => expect(trayState(inputs({ chats: [unread] }))).toBe('unread'))
  it('unseen alerts alone make it unread', () => expect(trayState(inputs({ unseenAlerts: 1 }))).toBe('unread'))
  it('waiting beats unread', () => expect(trayState(inputs({ chats: [unread, waiting] }))).toBe('waiting'))
  it('dnd beats waiting', () => expect(trayState(inputs({ chats: [waiting], dndUntil: NOW + 1 }))).toBe('dnd'))
  it('an expired dnd no longer counts', () =>
    expect(trayState(inputs({ chats: [waiting], dndUntil: NOW - 1 }))).toBe('waiting'))
  it('auth-failed beats dnd', () =>
    expect(
      trayState(inputs({ dndUntil: NOW + 1, sources: [status('helpcrunch', 'auth-failed'), status('x', 'ok')] })),
    ).toBe('error'))
  it('offline (every enabled source) beats error', () =>
    expect(
      trayState(
        inputs({ sources: [status('helpcrunch', 'offline'), status('dd', 'offline'), status('z', 'disabled')] }),
      ),
    ).toBe('offline'))
  it('one offline source out of two is not offline', () =>
    expect(trayState(inputs({ sources: [status('helpcrunch', 'offline'), status('dd', 'ok')] }))).toBe('idle'))
  it('snoozed and closed chats do not count as waiting', () => {
    const snoozed = makeChat({ sourceId: '3', snoozedUntil: NOW + 60_000, unread: false })
    const closed = makeChat({ sourceId: '4', state: 'closed', unread: true })
    expect(trayState(inputs({ chats: [snoozed, closed] }))).toBe('idle')
  })
})

describe('tray texts', () => {
  it('tooltip carries counts and the broken source, title the waiting count', () => {
    const i = inputs({ chats: [waiting, unread], sources: [status('helpcrunch', 'auth-failed', 'API key rejected')] })
    const counts = trayCounts(i)
    expect(counts).toEqual({ waiting: 1, unread: 1, unseenAlerts: 0 })
    expect(trayTooltip(trayState(i), counts, i.sources)).toBe(
      'Chat Tray\nhelpcrunch: API key rejected\n1 waiting · 1 unread',
    )
    expect(trayTitle(counts)).toBe('1')
    expect(trayTitle({ waiting: 0, unread: 3, unseenAlerts: 0 })).toBe('')
  })

  it('with nothing connected the tooltip says so instead of "0 waiting"', () => {
    const i = inputs({
      chats: [],
      sources: [status('helpcrunch', 'disabled', null), status('deskdirector', 'disabled', null)],
    })
    expect(trayTooltip(trayState(i), trayCounts(i), i.sources)).toBe('Chat Tray\nNothing is connected')
  })
})

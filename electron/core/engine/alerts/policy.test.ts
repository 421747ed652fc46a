import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AlertKind } from '../../../../shared/alert'
import type { Chat } from '../../../../shared/chat'
import { fakeAdapter } from '../../../../tests/helpers/adapters'
import { buildAlerting } from '../../../../tests/helpers/alerting'
import { makeChat } from '../../../../tests/helpers/chats'
import type { SourceAdapter } from '../adapters'

const T0 = new Date(2026, 0, 5, 10, 0, 0).getTime() // a Monday, 10:00 local
const ME = { id: '7', name: 'Me', email: null }

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => vi.useRealTimers())

const dd = (overrides: Partial<Chat> = {}) => makeChat({ createdAt: T0, updatedAt: T0, ...overrides })
const hc = (overrides: Partial<Chat> = {}) =>
  makeChat({ source: 'helpcrunch', sourceId: '42', rawStatus: 'new', createdAt: T0, updatedAt: T0, ...overrides })

/** HelpCrunch with "me" = agent 7 (the real adapter reads it from settings.helpcrunch.agentId). */
function hcAdapter(): SourceAdapter {
  return fakeAdapter('helpcrunch', { assign: async (chat) => ({ ...chat, assignee: ME }), me: () => ME.id })
}

/** DeskDirector with "me" = the same id 7 (a tech's userId in the real adapter). */
const ddAdapter = () => fakeAdapter('deskdirector', { me: () => ME.id })

const noBatch = { alerts: { batchWindowMs: 0 } }

describe('alert kinds', () => {
  const cases: { kind: AlertKind; before?: Partial<Chat>; after: Partial<Chat>; hcChat?: boolean }[] = [
    { kind: 'new', after: {} },
    { kind: 'missed', before: {}, after: { state: 'missed', rawStatus: 'missed', updatedAt: T0 + 1 } },
    {
      kind: 'callback',
      before: {},
      after: {
        state: 'callback',
        updatedAt: T0 + 1,
        callback: { kind: 'phone', phone: '+64 9 555', note: 'after 3pm', preferredTimes: [{ start: 1, end: 2 }] },
      },
    },
    {
      kind: 'assigned-to-me',
      hcChat: true,
      before: { state: 'active' },
      after: { state: 'active', assignee: ME, updatedAt: T0 + 1 },
    },
  ]
  it.each(cases)('raises `$kind` once on its transition', ({ kind, before, after, hcChat }) => {
    const t = buildAlerting({ settings: { ...noBatch, helpcrunch: { agentId: '7' } }, adapters: [hcAdapter()] })
    const make = hcChat ? hc : dd
    if (before) t.engine.store.apply(make(before))
    t.alerts.length = 0
    t.engine.store.apply(make(after))
    t.engine.store.apply(make(after)) // duplicate delivery
    expect(t.alerts.map((a) => a.kind)).toEqual([kind])
    const alert = t.alerts[0]!
    expect(alert.chatKeys).toEqual([make().key])
    expect(alert.title).toBeTruthy()
    expect(alert.actions.filter((a) => a.action === 'snooze').map((a) => a.action === 'snooze' && a.preset)).toEqual([
      '15m',
      '1h',
      'next-shift',
    ])
    if (kind === 'callback') {
      expect(alert.callback?.phone).toBe('+64 9 555')
      expect(alert.body).toContain('+64 9 555')
      expect(alert.body).toContain('after 3pm')
    }
  })

  it('offers "assign to me" only where the source can assign, and "open" only with an address', () => {
    const t = buildAlerting({ settings: noBatch, adapters: [hcAdapter()] })
    t.engine.store.apply(hc({ webUrl: 'https://acme.helpcrunch.com/inbox/chats/42' }))
    t.engine.store.apply(dd())
    const [hcAlert, ddAlert] = t.alerts
    expect(hcAlert!.actions.map((a) => a.action)).toEqual(['open', 'snooze', 'snooze', 'snooze', 'assign'])
    expect(ddAlert!.actions.map((a) => a.action)).toEqual(['snooze', 'snooze', 'snooze'])
  })

  it('still-waiting: after the threshold, then every interval, until taken', () => {
    const t = buildAlerting({ settings: noBatch })
    t.engine.store.apply(dd())
    vi.advanceTimersByTime(119_000)
    expect(t.alerts.map((a) => a.kind)).toEqual(['new'])
    vi.advanceTimersByTime(1_000)
    vi.advanceTimersByTime(120_000)
    expect(t.alerts.map((a) => [a.kind, a.repeat])).toEqual([
      ['new', undefined],
      ['still-waiting', 1],
      ['still-waiting', 2],
    ])
    t.engine.store.apply(dd({ state: 'active', rawStatus: 'handled', updatedAt: T0 + 250_000 }))
    vi.advanceTimersByTime(3_600_000)
    expect(t.alerts).toHaveLength(3)
  })

  it('still-waiting honours custom threshold and repeat settings', () => {
    const t = buildAlerting({
      settings: { alerts: { batchWindowMs: 0, stillWaitingAfterSeconds: 30, repeatEverySeconds: 60 } },
    })
    t.engine.store.apply(dd())
    vi.advanceTimersByTime(30_000 + 60_000)
    expect(t.alerts.filter((a) => a.kind === 'still-waiting').map((a) => a.at - T0)).toEqual([30_000, 90_000])
  })

  it('snooze silences a waiting chat; snooze-ended fires once when it passes if still open', async () => {
    const t = buildAlerting({ settings: noBatch })
    t.engine.store.apply(dd())
    await t.engine.dispatcher.runUntrusted('chat.snooze', { key: dd().key, until: T0 + 300_000 })
    vi.advanceTimersByTime(299_000)
    expect(t.alerts.map((a) => a.kind)).toEqual(['new'])
    vi.advanceTimersByTime(1_000)
    expect(t.alerts.map((a) => a.kind)).toEqual(['new', 'snooze-ended'])
    vi.advanceTimersByTime(60_000) // next reminder after the snooze: 360 s since waiting
    expect(t.alerts.map((a) => a.kind)).toEqual(['new', 'snooze-ended', 'still-waiting'])
    expect(t.alerts.filter((a) => a.kind === 'snooze-ended')).toHaveLength(1)
  })

  it('snooze-ended does not fire for a chat closed or unsnoozed meanwhile', async () => {
    const t = buildAlerting({ settings: noBatch })
    const other = dd({ sourceId: 'b' })
    t.engine.store.applyMany([dd(), other])
    await t.engine.dispatcher.runUntrusted('chat.snooze', { key: dd().key, preset: '15m' })
    await t.engine.dispatcher.runUntrusted('chat.snooze', { key: other.key, preset: '15m' })
    t.engine.store.apply(dd({ state: 'closed', rawStatus: 'completed', updatedAt: T0 + 1 }))
    await t.engine.dispatcher.runUntrusted('chat.unsnooze', { key: other.key })
    vi.advanceTimersByTime(16 * 60_000)
    expect(t.alerts.filter((a) => a.kind === 'snooze-ended')).toEqual([])
  })

  it('a transition that happens during a snooze is absorbed (snooze-ended speaks for the chat)', async () => {
    const t = buildAlerting({ settings: noBatch })
    t.engine.store.apply(dd())
    await t.engine.dispatcher.runUntrusted('chat.snooze', { key: dd().key, until: T0 + 60_000 })
    t.engine.store.apply(dd({ state: 'missed', rawStatus: 'missed', updatedAt: T0 + 10 }))
    vi.advanceTimersByTime(60_000)
    expect(t.alerts.map((a) => a.kind)).toEqual(['new', 'snooze-ended'])
  })
})

describe('settings', () => {
  it.each([
    ['all', [null, ME, { id: '9', name: null, email: null }], 3],
    ['unassigned', [null, ME, { id: '9', name: null, email: null }], 1],
    ['mine', [null, ME, { id: '9', name: null, email: null }], 1],
  ] as const)('scope %s', (scope, assignees, expected) => {
    const t = buildAlerting({
      settings: { alerts: { batchWindowMs: 0, scope }, helpcrunch: { agentId: '7' } },
      adapters: [ddAdapter()],
    })
    assignees.forEach((assignee, i) => {
      t.engine.store.apply(dd({ sourceId: `s${i}`, assignee }))
    })
    // The chat assigned to me also raises `assigned-to-me` (its own source says it is mine); count `new` here.
    expect(t.alerts.filter((a) => a.kind === 'new')).toHaveLength(expected)
  })

  it.each(['new', 'missed', 'callback', 'still-waiting', 'snooze-ended', 'assigned-to-me'] as const)(
    'kind %s can be turned off',
    async (kind) => {
      const t = buildAlerting({
        settings: { alerts: { batchWindowMs: 0, kinds: { [kind]: false } }, helpcrunch: { agentId: '7' } },
        adapters: [hcAdapter()],
      })
      t.engine.store.apply(hc())
      t.engine.store.apply(hc({ assignee: ME, updatedAt: T0 + 1 }))
      await t.engine.dispatcher.runUntrusted('chat.snooze', { key: hc().key, until: T0 + 1000 })
      vi.advanceTimersByTime(130_000)
      t.engine.store.apply(dd({ state: 'missed' }))
      t.engine.store.apply(dd({ sourceId: 'cb', state: 'callback' }))
      const kinds = new Set(t.alerts.map((a) => a.kind))
      expect(kinds.has(kind)).toBe(false)
      expect(kinds.size).toBe(5)
    },
  )

  it('"mine" is decided by "me" at the chat\'s own source: a HelpCrunch agent id does not make a DeskDirector chat mine', () => {
    const t = buildAlerting({
      settings: { alerts: { batchWindowMs: 0, scope: 'mine' }, helpcrunch: { agentId: '7' } },
      adapters: [hcAdapter(), fakeAdapter('deskdirector', { me: () => null })],
    })
    t.engine.store.apply(dd({ assignee: ME }))
    t.engine.store.apply(hc({ assignee: ME }))
    expect(new Set(t.alerts.map((a) => a.chatKeys[0]))).toEqual(new Set([hc().key]))
  })

  it('privacy mode keeps the customer name, chat title and message text out of title and body', () => {
    const secretish = { customer: { name: 'Liam Tait', email: 'l@x.io', company: 'Acme', phone: null } }
    for (const privacy of [false, true]) {
      const t = buildAlerting({ settings: { alerts: { batchWindowMs: 0, privacy } } })
      t.engine.store.apply(dd({ ...secretish, lastMessageText: 'my password is hunter2' }))
      const text = `${t.alerts[0]!.title}\n${t.alerts[0]!.body}`
      expect(/Liam|Acme|hunter2/.test(text)).toBe(!privacy)
    }
  })

  it.each([
    [true, 30, ['bell', null, 'callback'], 0.3],
    [false, 60, [null, null, null], 0.6],
  ] as const)('sound per kind (null = silent), sounds on=%s, volume %s %%', (enabled, volume, sounds, level) => {
    const t = buildAlerting({
      settings: { alerts: { batchWindowMs: 0, sounds: { new: 'bell', missed: null } }, sound: { enabled, volume } },
    })
    t.engine.store.apply(dd())
    t.engine.store.apply(dd({ sourceId: 'm', state: 'missed' }))
    t.engine.store.apply(dd({ sourceId: 'c', state: 'callback' }))
    expect(t.alerts.map((a) => [a.kind, a.sound, a.volume])).toEqual([
      ['new', sounds[0], level],
      ['missed', sounds[1], level],
      ['callback', sounds[2], level],
    ])
  })

  it('batching: the first alert goes at once, the rest of the window becomes one summary', () => {
    const t = buildAlerting({ settings: { alerts: { batchWindowMs: 1500 } } })
    t.engine.store.apply(dd({ sourceId: 'a' }))
    expect(t.alerts.map((a) => a.kind)).toEqual(['new'])
    vi.advanceTimersByTime(500)
    for (const id of ['b', 'c', 'd']) t.engine.store.apply(dd({ sourceId: id }))
    expect(t.alerts).toHaveLength(1)
    vi.advanceTimersByTime(1000)
    expect(t.alerts.map((a) => [a.kind, a.chatKeys.length, a.reason])).toEqual([
      ['new', 1, undefined],
      ['summary', 3, 'batch'],
    ])
    expect(t.alerts[1]!.title).toBe('3 chats need attention')
    expect(t.alerts[1]!.body).toBe('3 new')
    // A lone alert within the next window goes out alone at the window end.
    t.engine.store.apply(dd({ sourceId: 'e' }))
    vi.advanceTimersByTime(1500)
    expect(t.alerts.map((a) => a.kind)).toEqual(['new', 'summary', 'new'])
  })

  it('manual DND holds alerts and releases ONE summary when it ends', () => {
    const t = buildAlerting({ settings: noBatch })
    t.policy.setDnd(T0 + 650_000)
    expect(t.policy.dndUntil()).toBe(T0 + 650_000)
    for (const id of ['a', 'b']) t.engine.store.apply(dd({ sourceId: id }))
    t.engine.store.apply(dd({ sourceId: 'm', state: 'missed' }))
    vi.advanceTimersByTime(649_000)
    expect(t.alerts).toEqual([])
    vi.advanceTimersByTime(1_000)
    expect(t.alerts).toHaveLength(1)
    expect(t.alerts[0]).toMatchObject({ kind: 'summary', reason: 'dnd', urgency: 'critical' })
    expect(t.alerts[0]!.chatKeys.sort()).toEqual(['deskdirector:a', 'deskdirector:b', 'deskdirector:m'])
    expect(t.alerts[0]!.body).toBe('2 still waiting, 1 missed')
  })

  it('turning DND off early releases the summary at once; held chats taken meanwhile are left out', () => {
    const t = buildAlerting({ settings: noBatch })
    t.policy.setDnd(T0 + 3_600_000)
    t.engine.store.applyMany([dd({ sourceId: 'a' }), dd({ sourceId: 'b' })])
    t.engine.store.apply(dd({ sourceId: 'b', state: 'active', updatedAt: T0 + 5 }))
    t.policy.setDnd(null)
    expect(t.alerts.map((a) => [a.kind, a.chatKeys])).toEqual([['new', ['deskdirector:a']]])
    expect(t.policy.dndUntil()).toBeNull()
  })

  it('scheduled DND: outside the shifts alerts are held until the next shift starts', () => {
    vi.setSystemTime(new Date(2026, 0, 5, 18, 0).getTime()) // Monday 18:00, after the shift
    const t = buildAlerting({
      settings: {
        alerts: {
          batchWindowMs: 0,
          scheduleDnd: true,
          shifts: [1, 2].map((day) => ({ day, start: '09:00', end: '17:00' })),
        },
      },
    })
    const tuesdayNine = new Date(2026, 0, 6, 9, 0).getTime()
    expect(t.policy.dndUntil()).toBe(tuesdayNine)
    t.engine.store.apply(dd({ createdAt: Date.now() + 30_000, updatedAt: Date.now() + 30_000 }))
    vi.advanceTimersByTime(tuesdayNine - 1000 - Date.now())
    vi.advanceTimersByTime(999)
    expect(t.alerts).toEqual([])
    vi.advanceTimersByTime(1)
    expect(t.alerts.map((a) => a.kind)).toEqual(['still-waiting'])
    // Inside the shift alerts are live.
    t.engine.store.apply(dd({ sourceId: 'live', createdAt: Date.now(), updatedAt: Date.now() }))
    expect(t.alerts.map((a) => a.kind)).toEqual(['still-waiting', 'new'])
  })
})

describe('do-not-disturb overnight', () => {
  it('holds only the latest reminder per chat and still releases one summary', () => {
    const t = buildAlerting({ settings: noBatch })
    t.policy.setDnd(T0 + 10 * 3_600_000 + 30_000)
    t.engine.store.applyMany([dd({ sourceId: 'a' }), dd({ sourceId: 'b' })])
    vi.advanceTimersByTime(10 * 3_600_000 + 30_000)
    expect(t.alerts).toHaveLength(1)
    expect(t.alerts[0]).toMatchObject({ kind: 'summary', reason: 'dnd', body: '2 still waiting' })
    expect(t.state.journal.size).toBeLessThan(10) // 2 `new` + the 2 latest reminders, not 600
  })
})

describe('settings changes at run time', () => {
  it('a new reminder threshold reschedules waiting chats; turning scheduled DND off releases what it held', () => {
    const t = buildAlerting({ settings: noBatch })
    t.engine.store.apply(dd())
    t.update({ alerts: { stillWaitingAfterSeconds: 30 } })
    vi.advanceTimersByTime(30_000)
    expect(t.alerts.map((a) => a.kind)).toEqual(['new', 'still-waiting'])

    t.update({ alerts: { scheduleDnd: true, shifts: [{ day: 0, start: '09:00', end: '10:00' }] } }) // Monday: DND
    t.engine.store.apply(dd({ sourceId: 'x' }))
    expect(t.alerts).toHaveLength(2)
    t.update({ alerts: { scheduleDnd: false } })
    expect(t.alerts.map((a) => [a.kind, a.chatKeys])).toEqual([
      ['new', ['deskdirector:1530162945-9852']],
      ['still-waiting', ['deskdirector:1530162945-9852']],
      ['new', ['deskdirector:x']],
    ])
  })
})

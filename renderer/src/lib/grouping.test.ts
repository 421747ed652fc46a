import { describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { elapsed } from './format'
import { filtersActive, groupChats, groupOf, matches } from './grouping'

describe('grouping', () => {
  const now = 1_700_000_500_000
  it('puts states in their groups and snoozed chats apart', () => {
    expect(groupOf(makeChat({ state: 'waiting' }), now)).toBe('waiting')
    expect(groupOf(makeChat({ state: 'callback' }), now)).toBe('missed')
    expect(groupOf(makeChat({ state: 'on-hold' }), now)).toBe('team')
    expect(groupOf(makeChat({ state: 'on-hold', assignee: { id: '7', name: null, email: null } }), now, '7')).toBe(
      'mine',
    )
    expect(groupOf(makeChat({ state: 'missed', snoozedUntil: now + 1 }), now)).toBe('snoozed')
    expect(groupOf(makeChat({ state: 'missed', snoozedUntil: now - 1 }), now)).toBe('missed')
    expect(groupOf(makeChat({ state: 'closed' }), now)).toBeNull()
  })
  it('orders snoozed chats by when they wake, next first', () => {
    const later = makeChat({ sourceId: 'later', state: 'active', snoozedUntil: now + 3_600_000 })
    const sooner = makeChat({ sourceId: 'sooner', state: 'active', snoozedUntil: now + 60_000 })
    const { groups } = groupChats([later, sooner], { source: 'all', scope: 'all', search: '' }, null, now)
    expect(groups.snoozed.map((c) => c.sourceId)).toEqual(['sooner', 'later'])
  })
  it('counts the urgent chats the filters hide, by kind', () => {
    const chats = [
      makeChat({ sourceId: 'w1' }),
      makeChat({ sourceId: 'w2' }),
      makeChat({ sourceId: 'm', state: 'missed' }),
      makeChat({ sourceId: 'c', state: 'callback' }),
      makeChat({ sourceId: 'a', state: 'active' }),
      makeChat({ sourceId: 's', snoozedUntil: now + 60_000 }),
    ]
    const mine = groupChats(chats, { source: 'all', scope: 'mine', search: '' }, '7', now)
    expect(mine.hidden).toEqual({ waiting: 2, missed: 1, callback: 1 })
    expect(mine.hiddenTotal).toBe(6)
  })
  it('orders longest waiting first', () => {
    const a = makeChat({ sourceId: 'a', createdAt: 5 })
    const b = makeChat({ sourceId: 'b', createdAt: 3 })
    const groups = groupChats([a, b], { source: 'all', scope: 'all', search: '' }, null, now)
    expect(groups.groups.waiting.map((c) => c.sourceId)).toEqual(['b', 'a'])
  })
  it('formats elapsed times', () => {
    expect(elapsed(45_000)).toBe('45s')
    expect(elapsed(245_000)).toBe('4m 05s')
    expect(elapsed(3_600_000 + 7 * 60_000)).toBe('1h 07m')
    expect(elapsed(51 * 3_600_000)).toBe('2d 3h')
  })
})

describe('search', () => {
  const base = { source: 'all', scope: 'all', search: '' } as const
  const tomas = makeChat({
    customer: { name: 'Tomás Müller', email: 'tm@acme.example', company: 'Acme Ltd', phone: null },
    lastMessageText: 'The printer on floor 3 is jammed',
    unread: false,
  })
  it('ignores accents and case', () => {
    expect(matches(tomas, { ...base, search: 'tomas' }, null)).toBe(true)
    expect(matches(tomas, { ...base, search: 'MULLER' }, null)).toBe(true)
  })
  it('matches message text, company and email, but not message text in privacy mode', () => {
    expect(matches(tomas, { ...base, search: 'printer' }, null)).toBe(true)
    expect(matches(tomas, { ...base, search: 'acme ltd' }, null)).toBe(true)
    expect(matches(tomas, { ...base, search: 'tm@acme' }, null)).toBe(true)
    expect(matches(tomas, { ...base, search: 'printer' }, null, { privacy: true })).toBe(false)
    expect(matches(tomas, { ...base, search: 'nothing like it' }, null)).toBe(false)
  })
  it('never matches across two fields, and a changed chat is searched by its new text', () => {
    const chat = makeChat({ title: 'Ana', customer: { name: 'Bell', email: null, company: null, phone: null } })
    const search = (q: string, c = chat) => matches(c, { source: 'all', scope: 'all', search: q }, null)
    expect(search('bell')).toBe(true)
    expect(search('anabell')).toBe(false)
    expect(search('ana bell')).toBe(false)
    expect(search('invoice')).toBe(false)
    expect(search('invoice', { ...chat, lastMessageText: 'About my invoice' })).toBe(true)
  })
  it('filters unread only', () => {
    expect(matches(tomas, { ...base, unreadOnly: true }, null)).toBe(false)
    expect(matches({ ...tomas, unread: true }, { ...base, unreadOnly: true }, null)).toBe(true)
    expect(filtersActive({ ...base, unreadOnly: true })).toBe(true)
    expect(filtersActive(base)).toBe(false)
  })

  it('"mine" asks each chat\'s own source who I am; a push chat that invites me is mine', () => {
    const mine = { source: 'all', scope: 'mine', search: '' } as const
    const meOf = (source: string) => (source === 'helpcrunch' ? '7' : source === 'deskdirector' ? 'x~m~268' : null)
    const hc = makeChat({ source: 'helpcrunch', sourceId: '1', assignee: { id: '7', name: null, email: null } })
    const ddWithHcId = makeChat({ sourceId: '2', assignee: { id: '7', name: null, email: null } })
    const ddPush = makeChat({ sourceId: '3', invited: ['x~m~268'] })
    expect(matches(hc, mine, null, { meOf })).toBe(true)
    expect(matches(ddWithHcId, mine, null, { meOf })).toBe(false)
    expect(matches(ddPush, mine, null, { meOf })).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { deskDirectorSeed } from '../../../../tests/helpers/seeds'
import { deskDirectorToChat } from './transform'

describe('deskDirectorToChat', () => {
  it('converts the seed session (000) as it is', () => {
    const [session] = deskDirectorSeed()
    const result = deskDirectorToChat(session, { baseUrl: 'https://acme.deskdirector.com/' })
    expect(result).toEqual({
      ok: true,
      chat: {
        key: 'deskdirector:1530162945-9852',
        source: 'deskdirector',
        sourceId: '1530162945-9852',
        state: 'closed',
        rawStatus: 'completed',
        title: 'Chat Request from Liam Tait at DeskDirector',
        customer: { name: 'Liam Tait', email: null, company: 'DeskDirector', phone: null },
        assignee: { id: 'nzlancomdev~m~200', name: 'Warwick Eade', email: null },
        department: null,
        createdAt: Date.parse('2018-06-28T05:15:45.782Z'),
        updatedAt: Date.parse('2018-06-29T06:07:27.392Z'),
        lastMessageAt: null,
        handledAt: null,
        lastMessageText: null,
        snoozedUntil: null,
        unread: false,
        callback: null,
        ticketRef: null,
        webUrl: 'https://acme.deskdirector.com/tech',
      },
    })
  })

  it('times a handled session from the version that says handled (the panel times it from being taken)', () => {
    const handled = deskDirectorToChat({
      id: 'h-1',
      status: 'handled',
      createdDateTime: '2018-09-12T01:00:00Z',
      lastModifiedDateTime: '2018-09-12T01:05:00Z',
    })
    expect(handled.ok && handled.chat.handledAt).toBe(Date.parse('2018-09-12T01:05:00Z'))
    const waiting = deskDirectorToChat({ id: 'h-2', status: 'created', lastModifiedDateTime: '2018-09-12T01:05:00Z' })
    expect(waiting.ok && waiting.chat.handledAt).toBeNull()
  })

  it('maps a callback with phone, note and preferred times, and links the ticket', () => {
    const result = deskDirectorToChat(
      {
        id: '1536714761-3B43',
        status: 'callback',
        creator: { name: 'Ana', userId: 'x~c~1', company: { name: 'Acme' } },
        callback: {
          type: 'phone',
          phone: '+64 9 555 0101',
          note: 'after lunch',
          preferredTime: [{ start: '2018-09-12T01:00:00Z', end: '2018-09-12T02:00:00.1234567' }],
        },
        reference: { type: 'ticket', id: 4711 },
        lastModifiedDateTime: '2018-09-12T01:12:41.0000000Z',
      },
      { baseUrl: 'https://acme.deskdirector.com' },
    )
    expect(result.ok && result.chat).toMatchObject({
      state: 'callback',
      unread: true,
      customer: { name: 'Ana', company: 'Acme', phone: '+64 9 555 0101' },
      callback: {
        kind: 'phone',
        phone: '+64 9 555 0101',
        note: 'after lunch',
        preferredTimes: [{ start: Date.parse('2018-09-12T01:00:00Z'), end: Date.parse('2018-09-12T02:00:00.123Z') }],
      },
      ticketRef: '4711',
      webUrl: 'https://acme.deskdirector.com/tech/tickets/4711',
    })
  })

  it('falls back to closedDateTime or createdDateTime for the version', () => {
    const result = deskDirectorToChat({ id: 'a', status: 'created', createdDateTime: '2018-06-28T05:15:45Z' })
    expect(result.ok && result.chat.updatedAt).toBe(Date.parse('2018-06-28T05:15:45Z'))
  })

  it.each([
    ['no id', { status: 'created', lastModifiedDateTime: '2018-06-28T05:15:45Z' }, /field "id"/],
    ['an empty id', { id: '', status: 'created', lastModifiedDateTime: '2018-06-28T05:15:45Z' }, /field "id"/],
    ['no status', { id: 'a', lastModifiedDateTime: '2018-06-28T05:15:45Z' }, /field "status"/],
    ['no time at all', { id: 'a', status: 'created' }, /field "lastModifiedDateTime"/],
    ['a bad time', { id: 'a', status: 'created', lastModifiedDateTime: 'Tuesday' }, /field "lastModifiedDateTime"/],
    [
      'users not an array',
      { id: 'a', status: 'handled', users: {}, lastModifiedDateTime: '2018-06-28T05:15:45Z' },
      /field "users"/,
    ],
  ])('rejects %s with the field named', (_label, raw, message) => {
    const result = deskDirectorToChat(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })

  it('keeps an unknown callback type as sent and preferred times that are not dates as text', () => {
    const result = deskDirectorToChat({
      id: 'a',
      status: 'callback',
      lastModifiedDateTime: '2018-06-28T05:15:45Z',
      callback: {
        type: 'fax',
        preferredTime: [
          { start: 'tomorrow morning', end: 'before noon' },
          { start: '2018-09-12T01:00:00Z', end: null },
          'any time after 3pm',
        ],
      },
    })
    expect(result.ok && result.chat.callback).toMatchObject({
      kind: 'fax',
      preferredTimes: [
        { start: null, end: null, text: 'tomorrow morning – before noon' },
        { start: Date.parse('2018-09-12T01:00:00Z'), end: null },
        { start: null, end: null, text: 'any time after 3pm' },
      ],
    })
  })
})

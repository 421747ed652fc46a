import { describe, expect, it } from 'vitest'
import { helpCrunchSeed } from '../../../../tests/helpers/seeds'
import { helpCrunchToChat } from './transform'

const seedChat = () => structuredClone(helpCrunchSeed().data[0]) as Record<string, unknown>

describe('helpCrunchToChat', () => {
  it('converts the seed chat (004) as it is', () => {
    const result = helpCrunchToChat(seedChat(), { webUrl: (id) => `https://acme.helpcrunch.com/inbox/chats/${id}` })
    expect(result).toEqual({
      ok: true,
      chat: {
        key: 'helpcrunch:542335',
        source: 'helpcrunch',
        sourceId: '542335',
        state: 'waiting',
        rawStatus: 'new',
        title: 'string',
        customer: { name: 'string', email: 'string', company: null, phone: null },
        assignee: { id: '542335', name: 'string', email: 'string' },
        department: { id: '542335', name: 'string' },
        createdAt: 1603885746000,
        updatedAt: 1603885746000,
        lastMessageAt: 1603885746000,
        lastCustomerMessageAt: 1603885746000,
        lastMessageText: 'string',
        snoozedUntil: 1603885746000,
        unread: false,
        callback: null,
        ticketRef: null,
        webUrl: 'https://acme.helpcrunch.com/inbox/chats/542335',
      },
    })
  })

  it('accepts the documented variants: numeric timestamps, fractional strings, "on hold", unread', () => {
    const result = helpCrunchToChat({
      id: '5217453',
      status: 'on hold',
      createdAt: 1717430598,
      lastMessageAt: '1717430612.713',
      snoozedUntil: null,
      readByAgent: false,
      customer: { id: 1, name: null, email: 'mateus@example.com', userId: null },
      assignee: null,
      department: null,
      agents: { id: 1, name: 'single object in old docs' },
    })
    expect(result.ok && result.chat).toMatchObject({
      key: 'helpcrunch:5217453',
      state: 'on-hold',
      title: 'mateus@example.com',
      updatedAt: 1717430612713,
      createdAt: 1717430598000,
      unread: true,
      assignee: null,
      webUrl: null,
    })
  })

  it('refuses a status it does not know, naming it (the caller counts and keeps the record)', () => {
    expect(helpCrunchToChat({ id: 1, status: 'escalated' })).toEqual({
      ok: false,
      error: 'helpcrunch chat: field "status": "escalated" is not a known status',
    })
  })

  it.each([
    [1, 'waiting'],
    ['2', 'active'],
    [3, 'pending'],
    ['4', 'on-hold'],
    [5, 'closed'],
    ['6', 'closed'],
    [7, 'ignored'],
  ] as const)('maps the numeric status code %j to %s, keeping the raw value', (code, state) => {
    const result = helpCrunchToChat({ id: 1, status: code })
    expect(result.ok && result.chat).toMatchObject({ state, rawStatus: String(code) })
  })

  it('refuses an unknown numeric status code', () => {
    expect(helpCrunchToChat({ id: 1, status: 9 })).toMatchObject({ ok: false, error: /"status": 9 is not a known/ })
  })

  it.each([
    ['on-hold', 'on-hold'],
    ['On Hold', 'on-hold'],
    ['open', 'active'],
    ['No Communication', 'closed'],
  ])('maps the documented spelling %j to %s', (status, state) => {
    expect(helpCrunchToChat({ id: 1, status })).toMatchObject({ ok: true, chat: { state } })
  })

  it("reads PHP's [] for an absent customer, assignee or department as absent", () => {
    const result = helpCrunchToChat({ id: 1, status: 'new', customer: [], assignee: [], department: [] })
    expect(result.ok && result.chat).toMatchObject({
      title: 'HelpCrunch chat #1',
      customer: { name: null, email: null },
      assignee: null,
      department: null,
    })
    expect(helpCrunchToChat({ id: 1, status: 'new', department: [1] })).toMatchObject({
      ok: false,
      error: /field "department"/,
    })
  })

  it.each([
    ['a missing id', { status: 'new' }, /field "id"/],
    ['a non-numeric id', { id: 'abc', status: 'new' }, /field "id": expected a numeric id/],
    ['a missing status', { id: 1 }, /field "status"/],
    ['an unreadable timestamp', { id: 1, status: 'new', createdAt: 'yesterday' }, /field "createdAt": unreadable/],
    ['an assignee with no id', { id: 1, status: 'new', assignee: { name: 'x' } }, /field "assignee.id"/],
    ['readByAgent as text', { id: 1, status: 'new', readByAgent: 'yes' }, /field "readByAgent"/],
    ['not an object', 'chat', /expected object/],
  ])('rejects %s with the field named', (_label, raw, message) => {
    const result = helpCrunchToChat(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeChat } from '../../tests/helpers/chats'
import type { Chat } from '../chat'
import { boundedChatSchema } from './bounds'
import { chatDefect, readChat } from './chat-check'

describe('readChat', () => {
  it('takes a valid chat as it is', () => {
    const chat = makeChat({ invited: ['acme~m~1'] })
    expect(readChat(JSON.parse(JSON.stringify(chat)))).toEqual({ ok: true, chat, repaired: [] })
  })

  it('keeps every field of the Chat model (a field the schema forgot would vanish on every hub desktop)', () => {
    // `Required<Chat>`: a field added to the model does not compile here until it is given a value.
    const full: Required<Chat> = {
      ...makeChat(),
      invited: ['acme~m~1'],
      lastCustomerMessageAt: 1_700_000_000_000,
      handledAt: 1_700_000_100_000,
      demo: false,
      claim: { agent: 'Mia', since: 1_700_000_050_000 },
      escalation: { tier: '2', since: 1_700_000_000_000, dueAt: 1_700_000_060_000, nextAt: null, everyone: false },
    }
    expect(readChat(JSON.parse(JSON.stringify(full)))).toEqual({ ok: true, chat: full, repaired: [] })
    expect(Object.keys(boundedChatSchema.shape).sort()).toEqual(Object.keys(full).sort())
  })

  it('repairs secondary fields to what an absent value means, naming each', () => {
    const raw = { ...makeChat(), createdAt: 'yesterday', customer: null, state: 'sleeping', unread: 'yes' }
    const read = readChat(raw)
    expect(read).toMatchObject({
      ok: true,
      chat: { createdAt: null, customer: { name: null }, state: 'unknown', unread: false },
    })
    expect(read.ok && read.repaired.map((r) => r.slice(0, r.indexOf(':'))).sort()).toEqual([
      'field "createdAt"',
      'field "customer"',
      'field "state"',
      'field "unread"',
    ])
  })

  it('refuses what cannot be identified or ordered', () => {
    expect(readChat({ ...makeChat(), updatedAt: 'now' })).toMatchObject({ ok: false, error: /updatedAt/ })
    expect(readChat({ ...makeChat(), key: 'helpcrunch:1' })).toMatchObject({ ok: false, error: /key does not match/ })
    expect(readChat(null)).toMatchObject({ ok: false })
    expect(readChat([makeChat()])).toMatchObject({ ok: false })
  })

  it('never throws and never refuses an identifiable chat, whatever its other fields hold', () => {
    const field = fc.constantFrom(
      'state',
      'rawStatus',
      'title',
      'customer',
      'assignee',
      'department',
      'createdAt',
      'lastMessageAt',
      'lastMessageText',
      'snoozedUntil',
      'unread',
      'callback',
      'ticketRef',
      'webUrl',
      'invited',
      'demo',
    )
    fc.assert(
      fc.property(fc.dictionary(field, fc.jsonValue()), (junk) => {
        const read = readChat({ ...makeChat(), ...junk })
        expect(read.ok).toBe(true)
        expect(read.ok && chatDefect(read.chat)).toBeNull()
      }),
    )
  })
})

describe('chatDefect', () => {
  it('finds what would break the engine and passes a good chat', () => {
    expect(chatDefect(makeChat())).toBeNull()
    expect(chatDefect(makeChat({ updatedAt: Number.NaN }))).toMatch(/updatedAt/)
    expect(chatDefect(makeChat({ snoozedUntil: Number.POSITIVE_INFINITY }))).toMatch(/snoozedUntil/)
    expect(chatDefect({ ...makeChat(), customer: null } as never)).toMatch(/customer/)
  })
})

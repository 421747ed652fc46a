import { describe, expect, it } from 'vitest'
import { redactPersonal } from './record'

describe('--record redaction', () => {
  it('replaces every name, email, phone and message text, the same value by the same placeholder', () => {
    const answer = {
      data: [
        {
          id: 5217453,
          status: 'on hold',
          lastMessageText: 'Hi Mateus. My name is Lisa.',
          customer: { id: 9740824, name: 'mateus', email: 'mateus@example.com', userId: null },
          assignee: { id: 6691, name: 'Lisa Rodes', email: 'lisa.rodes@company.com', role: 'admin' },
        },
        { id: 2, customer: { name: 'mateus', email: '' }, message: { text: 'Thanks!' } },
      ],
      meta: { total: 2 },
    }
    expect(redactPersonal(answer)).toEqual({
      data: [
        {
          id: 5217453,
          status: 'on hold',
          lastMessageText: '<lastMessageText 1>',
          customer: { id: 9740824, name: '<name 1>', email: '<email 1>', userId: null },
          assignee: { id: 6691, name: '<name 2>', email: '<email 2>', role: 'admin' },
        },
        { id: 2, customer: { name: '<name 1>', email: '' }, message: { text: '<text 1>' } },
      ],
      meta: { total: 2 },
    })
  })

  it('keeps error messages and what the checks report (codes, domain, types)', () => {
    const error = { errors: [{ code: 'not_fount', message: 'Chat for ID "2147483647" was not found' }] }
    expect(redactPersonal(error)).toEqual(error)
    expect(redactPersonal({ data: { id: 1, domain: 'acme.helpcrunch.com' } })).toEqual({
      data: { id: 1, domain: 'acme.helpcrunch.com' },
    })
  })
})

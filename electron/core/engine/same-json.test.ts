import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { sameJson } from './same-json'

const odd = fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, () => 1, Symbol('s'))
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), odd, tie('list'), tie('record')),
  list: fc.array(tie('any'), { maxLength: 4 }),
  record: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('any'), { maxKeys: 4 }),
})).any

describe('sameJson', () => {
  it('agrees with comparing JSON.stringify output, also on near-equal pairs', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b))
        // A round-tripped copy writes the same JSON while holding other values (NaN → null, undefined dropped).
        const text = JSON.stringify(a)
        if (text !== undefined) expect(sameJson(a, JSON.parse(text))).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('tells chats apart by any field and by key order, and ignores undefined members', () => {
    const chat = makeChat()
    expect(sameJson(chat, { ...chat })).toBe(true)
    expect(sameJson(chat, { ...chat, demo: undefined })).toBe(true)
    expect(sameJson(chat, { ...chat, unread: !chat.unread })).toBe(false)
    expect(sameJson(chat, { ...chat, customer: { ...chat.customer, phone: '1' } })).toBe(false)
    const { key, ...rest } = chat
    expect(sameJson(chat, { ...rest, key })).toBe(false)
  })
})

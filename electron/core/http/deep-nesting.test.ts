/**
 * A signed delivery of deeply nested JSON (100,000 `[`, or objects as deep) is answered like any verified
 * delivery that cannot be applied — 200, listed, kept as a dead letter — never 500 (issue 18, item 5).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ddSignature, hcSignature, send, startTestListener, type TestListener } from '../../../tests/helpers/webhooks'

const DD_SECRET = 'deep-nesting-secret-000000000000'
const HC_KEY = 'deep-nesting-hc-key-0000000000'
const DEPTH = 100_000
let t: TestListener | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const arrays = '['.repeat(DEPTH) + ']'.repeat(DEPTH)
const objects = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`

describe('deeply nested JSON in a signed delivery', () => {
  it.each([
    ['arrays', arrays],
    ['objects', objects],
    ['arrays inside an array item', `[${arrays}]`],
    ['objects inside eventData', `{"event":"chat.new","id":"deep-1","eventData":{"id":1,"status":${objects}}}`],
  ])('HelpCrunch, %s: 200, listed, dead-lettered', async (_label, body) => {
    t = await startTestListener({ secrets: { 'helpcrunch.signingKey': HC_KEY } })
    const answer = await send(t.url, {
      path: '/webhooks/helpcrunch',
      body,
      headers: { 'x-helpcrunch-signature': hcSignature(body, HC_KEY) },
    })
    expect(answer).toMatchObject({
      status: 200,
      json: { applied: 0, invalid: [{ index: 0, reason: expect.any(String) }] },
    })
    expect(t.runtime.state.deadLetters.list('helpcrunch')).toHaveLength(1)
    expect(t.chats()).toEqual([])
  })

  it.each([
    ['arrays', arrays],
    ['objects', objects],
    ['arrays inside an array item', `[${arrays}]`],
    ['objects inside a session', `[{"id":"1","status":${objects}}]`],
  ])('DeskDirector, %s: 200, listed, dead-lettered', async (_label, body) => {
    t = await startTestListener({ secrets: { 'deskdirector.secrets': DD_SECRET } })
    const answer = await send(t.url, {
      path: '/webhooks/deskdirector',
      body,
      headers: { 'x-dd-signature': ddSignature(body, DD_SECRET) },
    })
    expect(answer).toMatchObject({
      status: 200,
      json: { applied: 0, invalid: [{ index: 0, reason: expect.any(String) }] },
    })
    expect(t.runtime.state.deadLetters.list('deskdirector')).toHaveLength(1)
    expect(t.chats()).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { makeChat } from '../tests/helpers/chats'
import { replyClock, replyLevel } from './reply'

const T = 1_800_000_000_000

describe('reply clock', () => {
  it('a chat nobody has waits from its start (the first customer message is unanswered)', () => {
    expect(replyClock(makeChat({ createdAt: T, updatedAt: T + 5_000 }))).toEqual({ owed: true, since: T })
    const hc = makeChat({ createdAt: T, lastCustomerMessageAt: T + 30_000, lastMessageAt: T + 30_000 })
    expect(replyClock(hc)).toEqual({ owed: true, since: T })
  })
  it('an agent spoke last: owes nothing, timed calmly from that message', () => {
    const chat = makeChat({ state: 'active', lastCustomerMessageAt: T, lastMessageAt: T + 60_000 })
    expect(replyClock(chat)).toEqual({ owed: false, since: T + 60_000, why: 'agent-spoke-last' })
  })
  it('the customer wrote again after an answer: waits from that message', () => {
    const chat = makeChat({
      state: 'active',
      createdAt: T,
      lastCustomerMessageAt: T + 90_000,
      lastMessageAt: T + 90_000,
    })
    expect(replyClock(chat)).toEqual({ owed: true, since: T + 90_000 })
  })
  it('a chat an agent took is timed from being taken, not from its start', () => {
    const chat = makeChat({ state: 'active', createdAt: T, handledAt: T + 120_000 })
    expect(replyClock(chat)).toEqual({ owed: false, since: T + 120_000, why: 'taken' })
  })
})

describe('reply level', () => {
  it('is calm below half the target, amber from half, red from 80 %, overdue at the target', () => {
    expect([0, 29_999, 30_000, 47_999, 48_000, 59_999, 60_000].map((ms) => replyLevel(ms, 60_000))).toEqual([
      'calm',
      'calm',
      'soon',
      'soon',
      'late',
      'late',
      'overdue',
    ])
  })
})

import { describe, expect, it } from 'vitest'
import type { Chat } from '../../../../shared/chat'
import { HelpCrunchOrdering } from './ordering'
import { helpCrunchToChat } from './transform'

/** A REST chat as the transform makes it. */
function rest(fields: Record<string, unknown>): Chat {
  const result = helpCrunchToChat({ id: 7, status: 'opened', lastMessageAt: 1_700_000_000, ...fields })
  if (!result.ok) throw new Error(result.error)
  return result.chat
}

/** An ordering over a held map, applying what it returns like the store would. */
function setup() {
  const held = new Map<string, Chat>()
  const ordering = new HelpCrunchOrdering((key) => held.get(key))
  const apply = (chat: Chat | null) => {
    if (chat) held.set(chat.key, chat)
    return chat
  }
  return { held, ordering, apply, get: () => held.get('helpcrunch:7') as Chat }
}

describe('the HelpCrunch ordering rule', () => {
  it('a REST answer replaces what a webhook said before its request was sent', () => {
    const t = setup()
    t.apply(t.ordering.snapshot(rest({}), 1_000))
    const assigned = { ...t.get(), assignee: { id: '9', name: 'Dana', email: null } }
    t.apply(t.ordering.webhook('helpcrunch:7', assigned, ['assignee'], 1_700_000_100_000, 2_000))
    expect(t.get().assignee?.id).toBe('9')
    // The poll's request left at 3,000, after the webhook arrived: HelpCrunch says unassigned now.
    t.apply(t.ordering.snapshot(rest({ assignee: null }), 3_000))
    expect(t.get().assignee).toBeNull()
  })

  it('keeps the fields a webhook set after the request was sent, and takes the rest of the answer', () => {
    const t = setup()
    t.apply(t.ordering.snapshot(rest({}), 1_000))
    const pending = { ...t.get(), state: 'pending', rawStatus: 'pending' } as Chat
    t.apply(t.ordering.webhook('helpcrunch:7', pending, ['status'], 1_700_000_100_000, 3_000))
    // This answer's request left at 2,500, before the webhook: its status is older, its message text is not.
    t.apply(t.ordering.snapshot(rest({ lastMessageText: 'new text' }), 2_500))
    expect(t.get()).toMatchObject({ state: 'pending', lastMessageText: 'new text' })
  })

  it('drops an answer to a request sent before one already applied', () => {
    const t = setup()
    t.apply(t.ordering.snapshot(rest({ status: 'closed' }), 2_000))
    expect(t.ordering.snapshot(rest({ status: 'opened' }), 1_000)).toBeNull()
    expect(t.get().state).toBe('closed')
  })

  it('among webhooks, a field keeps the value of the event HelpCrunch created last; other fields still apply', () => {
    const t = setup()
    t.apply(t.ordering.snapshot(rest({}), 1_000))
    const closed = { ...t.get(), state: 'closed', rawStatus: 'closed' } as Chat
    t.apply(t.ordering.webhook('helpcrunch:7', closed, ['status'], 1_700_000_800_000, 2_000))
    const lateReopen = { ...t.get(), state: 'active', rawStatus: 'opened', snoozedUntil: 5 } as Chat
    t.apply(t.ordering.webhook('helpcrunch:7', lateReopen, ['status', 'snoozedUntil'], 1_700_000_700_000, 3_000))
    expect(t.get()).toMatchObject({ state: 'closed', snoozedUntil: 5 })
  })

  it('versions on the local clock: above the held one on a change, unchanged (null) when nothing changed', () => {
    const t = setup()
    expect(t.apply(t.ordering.snapshot(rest({}), 5_000))?.updatedAt).toBe(5_000)
    expect(t.ordering.snapshot(rest({}), 6_000)).toBeNull()
    expect(t.apply(t.ordering.snapshot(rest({ status: 'pending' }), 4_000))).toBeNull() // older request
    expect(t.apply(t.ordering.snapshot(rest({ status: 'pending' }), 6_000))?.updatedAt).toBe(6_000)
    // Received "before" the held version (a clock step): still above it.
    const note = { ...t.get(), lastMessageText: 'x' }
    expect(t.apply(t.ordering.webhook('helpcrunch:7', note, ['lastMessageText'], 1, 100))?.updatedAt).toBe(6_001)
  })

  it('the engine’s demo stamp is not news from HelpCrunch', () => {
    const t = setup()
    const first = t.ordering.snapshot(rest({}), 1_000) as Chat
    t.held.set(first.key, { ...first, demo: true })
    expect(t.ordering.snapshot(rest({}), 2_000)).toBeNull()
  })

  it('a chat removed at some time: answers to requests sent before it cannot bring it back', () => {
    const t = setup()
    t.apply(t.ordering.snapshot(rest({}), 1_000))
    t.held.delete('helpcrunch:7')
    t.ordering.forget('helpcrunch:7', 5_000)
    expect(t.ordering.snapshot(rest({}), 4_000)).toBeNull()
    expect(t.ordering.snapshot(rest({}), 6_000)).toMatchObject({ updatedAt: 6_000 })
  })

  it('a chat first known from a webhook: the next REST answer replaces all of it', () => {
    const t = setup()
    const partial = { ...rest({ lastMessageText: null }) }
    t.apply(t.ordering.webhook('helpcrunch:7', partial, ['status'], 1_700_000_000_500, 2_000))
    expect(t.get().lastMessageText).toBeNull()
    t.apply(t.ordering.snapshot(rest({ lastMessageText: 'Where is my order?' }), 2_100))
    expect(t.get().lastMessageText).toBe('Where is my order?')
  })
})

import { describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/alert'
import { makeChat } from '../../../tests/helpers/chats'
import { feedEntries, handledBy, shortId } from './alert-feed'

const alert = (id: string, key: string, at: number, kind: Alert['kind'] = 'new'): Alert => ({
  id,
  kind,
  chatKeys: [key],
  title: id,
  body: '',
  urgency: 'normal',
  actions: [],
  sound: null,
  at,
})

describe('alert feed', () => {
  it('keeps one entry per chat with its latest alert, summaries apart, newest first', () => {
    const alerts = [
      alert('a1', 'hc:1', 1),
      alert('b1', 'hc:2', 2),
      alert('s', 'x', 3, 'summary'),
      alert('a2', 'hc:1', 4, 'still-waiting'),
    ]
    const entries = feedEntries(alerts, { a1: true })
    expect(entries.map((e) => [e.alert.id, e.count, e.unread])).toEqual([
      ['a2', 2, true],
      ['s', 1, false],
      ['b1', 1, false],
    ])
    expect(feedEntries(alerts, {}, 3).map((e) => e.alert.id)).toEqual(['a2', 's'])
  })
  it('says when the chat was handled since', () => {
    const a = alert('a', 'deskdirector:1', 1)
    const chat = makeChat({ sourceId: '1' })
    expect(handledBy(a, chat, null, 0)).toBeNull()
    expect(handledBy(a, undefined, null, 0)).toBe('Closed')
    expect(handledBy(a, { ...chat, state: 'closed' }, null, 0)).toBe('Closed')
    expect(handledBy(a, { ...chat, snoozedUntil: 10 }, null, 0)).toBe('Snoozed')
    expect(handledBy(a, { ...chat, assignee: { id: '7', name: 'Dana', email: null } }, null, 0)).toBe('Taken by Dana')
    expect(handledBy(a, { ...chat, assignee: { id: '7', name: 'Me', email: null } }, '7', 0)).toBe('Taken by you')
  })
  it('makes a short id from the end of the source id', () => {
    expect(shortId('helpcrunch:5217453')).toBe('#7453')
  })
})

import { describe, expect, it } from 'vitest'
import type { ChatChange } from '../../../shared/protocol'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from './log'
import { ChatStore } from './store'

function setup() {
  const changes: ChatChange[] = []
  const warnings: unknown[] = []
  const log = { ...silentLogger, warn: (...args: unknown[]) => warnings.push(args) }
  return { store: new ChatStore((c) => changes.push(c), log), changes, warnings }
}

describe('ChatStore', () => {
  it('emits chat.added for a new key and chat.changed with the previous state', () => {
    const { store, changes } = setup()
    const first = makeChat()
    const second = makeChat({ state: 'active', rawStatus: 'handled', updatedAt: first.updatedAt + 1 })
    store.apply(first)
    store.apply(second)
    expect(changes.map((c) => c.type)).toEqual(['chat.added', 'chat.changed'])
    expect(changes[1]).toEqual({ type: 'chat.changed', chat: second, previous: first })
    expect(store.get(first.key)).toEqual(second)
  })

  it('ignores an older version (out-of-order delivery)', () => {
    const { store, changes } = setup()
    store.apply(makeChat({ state: 'active', updatedAt: 2000 }))
    expect(store.apply(makeChat({ state: 'waiting', updatedAt: 1000 }))).toBeNull()
    expect(store.get('deskdirector:1530162945-9852')?.state).toBe('active')
    expect(changes).toHaveLength(1)
  })

  it('ignores an identical duplicate but applies a same-version change (polls are authoritative)', () => {
    const { store, changes } = setup()
    store.apply(makeChat())
    expect(store.apply(makeChat())).toBeNull()
    expect(store.apply(makeChat({ assignee: { id: '7', name: 'Ann', email: null } }))?.type).toBe('chat.changed')
    expect(changes).toHaveLength(2)
  })

  it('applies an older version when forced (a quick action answer)', () => {
    const { store } = setup()
    store.apply(makeChat({ updatedAt: 2000 }))
    expect(store.apply(makeChat({ updatedAt: 1000, state: 'active' }), { force: true })?.type).toBe('chat.changed')
  })

  it('removes with a tombstone: a late copy no newer than the removed one does not come back', () => {
    const { store, changes } = setup()
    store.apply(makeChat({ updatedAt: 2000 }))
    expect(store.remove('deskdirector:1530162945-9852', 'deleted')?.type).toBe('chat.removed')
    expect(store.apply(makeChat({ updatedAt: 2000 }))).toBeNull()
    expect(store.apply(makeChat({ updatedAt: 1500 }))).toBeNull()
    expect(store.apply(makeChat({ updatedAt: 2500 }))?.type).toBe('chat.added')
    expect(changes.map((c) => c.type)).toEqual(['chat.added', 'chat.removed', 'chat.added'])
  })

  it('removing an unknown key changes nothing', () => {
    const { store, changes } = setup()
    expect(store.remove('helpcrunch:1', 'deleted')).toBeNull()
    expect(changes).toEqual([])
  })

  it('keeps a local snooze across new source versions until cleared', () => {
    const { store } = setup()
    store.apply(makeChat({ updatedAt: 1000 }))
    store.setOverlay('deskdirector:1530162945-9852', { snoozedUntil: 9_000_000_000_000 })
    store.apply(makeChat({ updatedAt: 2000 }))
    expect(store.get('deskdirector:1530162945-9852')?.snoozedUntil).toBe(9_000_000_000_000)
    store.setOverlay('deskdirector:1530162945-9852', { snoozedUntil: null })
    expect(store.get('deskdirector:1530162945-9852')?.snoozedUntil).toBeNull()
  })

  it('keeps a chat read until a newer version arrives', () => {
    const { store } = setup()
    store.apply(makeChat({ updatedAt: 1000 }))
    store.setOverlay('deskdirector:1530162945-9852', { readAtVersion: 1000 })
    expect(store.get('deskdirector:1530162945-9852')?.unread).toBe(false)
    store.apply(makeChat({ updatedAt: 1000, title: 'same version, new title' }))
    expect(store.get('deskdirector:1530162945-9852')?.unread).toBe(false)
    store.apply(makeChat({ updatedAt: 3000 }))
    expect(store.get('deskdirector:1530162945-9852')?.unread).toBe(true)
  })

  it('restores saved overlays when their chats arrive', () => {
    const { store } = setup()
    store.restoreOverlays([['deskdirector:1530162945-9852', { snoozedUntil: 5_000_000_000_000 }]])
    store.apply(makeChat())
    expect(store.get('deskdirector:1530162945-9852')?.snoozedUntil).toBe(5_000_000_000_000)
  })

  it('prunes closed chats older than the cut-off, leaving open ones', () => {
    const { store } = setup()
    store.apply(makeChat({ sourceId: 'old', state: 'closed', updatedAt: 1000 }))
    store.apply(makeChat({ sourceId: 'new', state: 'closed', updatedAt: 5000 }))
    store.apply(makeChat({ sourceId: 'open', state: 'waiting', updatedAt: 1000 }))
    expect(store.pruneClosed(2000)).toBe(1)
    expect(store.all().map((c) => c.sourceId)).toEqual(['new', 'open'])
  })

  it('logs an unknown raw status once per source and status', () => {
    const { store, warnings } = setup()
    store.apply(makeChat({ sourceId: 'a', state: 'unknown', rawStatus: 'weird' }))
    store.apply(makeChat({ sourceId: 'b', state: 'unknown', rawStatus: 'weird' }))
    expect(warnings).toHaveLength(1)
  })
})

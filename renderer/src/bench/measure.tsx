/** The renderer measurements: first render of 1,000 chats (its first screen), and one chat change (time and rows re-rendered). */
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { type Chat, chatKey } from '../../../shared/chat'
import { ChatList } from '../components/ChatList'
import { renderStats } from '../lib/render-stats'
import { usePanelStore } from '../stores/panel-store'
import { snapshot } from '../testing/fake-bridge'

const STATES: Chat['state'][] = ['waiting', 'missed', 'callback', 'active', 'pending']

function chat(i: number, now: number): Chat {
  const source = i % 2 ? 'helpcrunch' : 'deskdirector'
  return {
    key: chatKey(source, i),
    source,
    sourceId: String(i),
    state: STATES[i % STATES.length] ?? 'waiting',
    rawStatus: 'new',
    title: `Chat ${i}`,
    customer: { name: `Customer ${i}`, email: `c${i}@example.com`, company: null, phone: null },
    assignee: i % 3 ? null : { id: '7', name: 'Agent Seven', email: null },
    department: null,
    createdAt: now - i * 1000,
    updatedAt: now,
    lastMessageAt: now - i * 900,
    lastMessageText: `Hello, this is message ${i} about an invoice`,
    snoozedUntil: i % 10 === 0 ? now + 3_600_000 : null,
    unread: i % 4 === 0,
    callback: null,
    ticketRef: null,
    webUrl: null,
  }
}

/** Runs both measurements once. */
export async function measure(): Promise<{ firstRenderMs: number; oneChangeMs: number; rowsRerendered: number }> {
  const now = Date.now()
  const chats = Array.from({ length: 1000 }, (_, i) => chat(i, now))
  usePanelStore.getState().loadSnapshot(snapshot({ chats }))
  warmUp(chats.slice(0, 100))
  usePanelStore.getState().loadSnapshot(snapshot({ chats }))
  const container = document.createElement('div')
  document.body.append(container)
  const root: Root = createRoot(container)
  const t0 = performance.now()
  flushSync(() => root.render(<ChatList />))
  const firstRenderMs = performance.now() - t0
  if (container.querySelectorAll('li[data-key]').length === 0) throw new Error('no row rendered')
  // The rest of the list mounts in the next frames; the change is measured on the whole list.
  for (let i = 0; i < 4000 && container.querySelectorAll('li[data-key]').length < 1000; i++)
    await new Promise((resolve) => setTimeout(resolve, 5))
  if (container.querySelectorAll('li[data-key]').length !== 1000) throw new Error('not every row mounted')
  const target = chats[500] as Chat
  renderStats.rows = 0
  const t1 = performance.now()
  flushSync(() =>
    usePanelStore.getState().applyEvent({
      type: 'chat.changed',
      chat: { ...target, lastMessageText: 'changed', updatedAt: now + 1 },
      previous: target,
    }),
  )
  const oneChangeMs = performance.now() - t1
  const rowsRerendered = renderStats.rows
  flushSync(() => root.unmount())
  return { firstRenderMs, oneChangeMs, rowsRerendered }
}

/** One small render first, so the figure is the render and not module compilation. */
function warmUp(chats: Chat[]): void {
  usePanelStore.getState().loadSnapshot(snapshot({ chats }))
  const container = document.createElement('div')
  const root = createRoot(container)
  flushSync(() => root.render(<ChatList />))
  flushSync(() => root.unmount())
}

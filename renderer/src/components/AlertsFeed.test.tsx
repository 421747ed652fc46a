import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../shared/alert'
import type { Chat } from '../../../shared/chat'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { useUi } from '../stores/ui-store'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

// A fixed clock (relative times are read against it; no test depends on when it runs).
const NOW = Date.UTC(2026, 0, 5, 3, 13)
const hana = makeChat({
  source: 'helpcrunch',
  sourceId: '5217453',
  customer: { name: 'Hana Novak', email: null, company: null, phone: null },
})
const alert = (id: string, over: Partial<Alert> = {}): Alert => ({
  id,
  kind: 'missed',
  chatKeys: [hana.key],
  title: 'Missed HelpCrunch chat',
  body: 'Where is everyone?',
  urgency: 'critical',
  actions: [],
  sound: 'missed',
  at: NOW - 5 * 60_000,
  ...over,
})

function renderFeed(alerts: Alert[], options: { chats?: Chat[]; privacy?: boolean; unseen?: number } = {}) {
  const s = snapshot({ chats: options.chats ?? [hana] })
  s.settings.alerts.privacy = options.privacy ?? false
  const bridge = installFakeBridge(s)
  bridge.handlers['alerts.list'] = () => ({ ok: true, result: { alerts, unseen: options.unseen ?? 0 } })
  useUi.setState({ view: 'alerts' })
  render(<App />)
  return { bridge, user: userEvent.setup() }
}

describe('alerts feed', () => {
  beforeEach(() => {
    resetStores()
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  })
  afterEach(() => vi.useRealTimers())

  it('is empty when there are no alerts', async () => {
    renderFeed([])
    expect(await screen.findByText('No alerts yet.')).toBeTruthy()
  })

  it('does not say the customer twice when the alert body is their name', async () => {
    renderFeed([alert('a', { kind: 'still-waiting', body: 'Hana Novak' })])
    const item = await screen.findByRole('listitem')
    expect(within(item).getAllByText(/Hana Novak/)).toHaveLength(1)
    expect(within(item).getByText('Still waiting')).toBeTruthy()
  })

  it('is one compact line: the kind, the customer once, a relative time; the text only when it is not the name', async () => {
    renderFeed([alert('a')])
    const item = await screen.findByRole('listitem')
    expect(item.querySelector('.row-main')?.textContent).toBe('MissedHana Novak5 min ago')
    expect(item.querySelector('time')?.textContent).toBe('5 min ago')
    expect(within(item).getByText('Where is everyone?')).toBeTruthy()
  })

  it('is one tab stop: arrows and j/k move between entries, Enter opens, s offers every snooze preset', async () => {
    const other = makeChat({
      source: 'helpcrunch',
      sourceId: '900001',
      customer: { name: 'Otto', email: null, company: null, phone: null },
    })
    const { bridge, user } = renderFeed([alert('a'), alert('b', { chatKeys: [other.key], at: NOW - 60_000 })], {
      chats: [hana, other],
    })
    const items = await screen.findAllByRole('listitem')
    expect(items.map((i) => i.tabIndex)).toEqual([0, -1])
    for (const button of screen.getByRole('list', { name: 'Recent alerts' }).querySelectorAll('button'))
      expect(button.tabIndex).toBe(-1)
    items[0]?.focus()
    await user.keyboard('j')
    expect(document.activeElement).toBe(items[1])
    expect(items.map((i) => i.tabIndex)).toEqual([-1, 0])
    await user.keyboard('{Enter}')
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.open', params: { key: hana.key } })
    await user.keyboard('s')
    const dialog = screen.getByRole('dialog', { name: 'Snooze Hana Novak' })
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((b) => b.textContent?.split(' — ')[0]),
    ).toEqual(['15 minutes', '1 hour', 'Tomorrow', 'Next shift', 'Snooze', 'Cancel'])
  })

  it('in privacy mode says "Customer" with the source and a short id, and hides bodies', async () => {
    const other = makeChat({ source: 'helpcrunch', sourceId: '900001' })
    renderFeed([alert('a'), alert('b', { chatKeys: [other.key] })], { privacy: true, chats: [hana, other] })
    const items = await screen.findAllByRole('listitem')
    expect(items.map((i) => i.querySelector('.customer')?.textContent)).toEqual([
      'Customer · HelpCrunch #7453',
      'Customer · HelpCrunch #0001',
    ])
    expect(screen.queryByText('Where is everyone?')).toBeNull()
  })

  it('keeps one entry per chat with its latest alert, unread marks, and marks them seen', async () => {
    const { bridge } = renderFeed(
      [alert('a', { kind: 'new', at: Date.now() - 60_000 }), alert('b', { kind: 'still-waiting', at: Date.now() })],
      { unseen: 1 },
    )
    const items = await screen.findAllByRole('listitem')
    expect(items).toHaveLength(1)
    expect(within(items[0] as HTMLElement).getByText('Still waiting')).toBeTruthy()
    expect(within(items[0] as HTMLElement).getByText(/2 alerts/)).toBeTruthy()
    expect(items[0]?.textContent).toContain('unread')
    expect(bridge.calls.some((c) => c.name === 'alerts.seen')).toBe(true)
  })

  it('shows a handled chat as handled, with its actions off', async () => {
    const taken = { ...hana, assignee: { id: '7', name: 'Dana', email: null } }
    renderFeed([alert('a')], { chats: [taken] })
    const item = await screen.findByRole('listitem')
    expect(within(item).getByText(/Handled: Taken by Dana/)).toBeTruthy()
    expect(within(item).queryAllByRole('button')).toHaveLength(0)
  })

  it('offers quick actions while the chat still needs someone, with failures in plain words', async () => {
    const { bridge, user } = renderFeed([alert('a')])
    const item = await screen.findByRole('listitem')
    bridge.handlers['chat.snooze'] = () => ({ ok: false, error: { code: 'offline', message: 'fetch failed' } })
    await user.click(within(item).getByRole('button', { name: 'Snooze' }))
    await user.click(screen.getByRole('button', { name: /^15 minutes/ }))
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.snooze', params: { key: hana.key, preset: '15m' } })
    expect((await screen.findByRole('alert')).textContent).toContain("Couldn't snooze. HelpCrunch can't be reached.")
  })

  it('marks all read and clears the feed', async () => {
    const { bridge, user } = renderFeed([alert('a')], { unseen: 1 })
    const item = await screen.findByRole('listitem')
    expect(item.className).toContain('unread')
    await user.click(screen.getByRole('button', { name: 'Mark all read' }))
    expect(item.className).not.toContain('unread')
    expect(bridge.calls.filter((c) => c.name === 'alerts.seen').length).toBeGreaterThanOrEqual(2)
    await user.click(screen.getByRole('button', { name: 'Clear' }))
    await waitFor(() => expect(screen.queryByRole('listitem')).toBeNull())
    expect(screen.getByText('Cleared. New alerts appear here.')).toBeTruthy()
  })

  it('gives summaries no actions', async () => {
    renderFeed([alert('s', { kind: 'summary', title: '3 chats waiting', chatKeys: ['a:1', 'a:2'] })])
    await screen.findByText('3 chats waiting')
    expect(screen.queryByRole('button', { name: 'Open' })).toBeNull()
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Chat } from '../../../shared/chat'
import type { SourceStatus } from '../../../shared/protocol'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { useUi } from '../stores/ui-store'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const status = (source: string, state: SourceStatus['state'], message: string | null = null): SourceStatus => ({
  source,
  state,
  message,
  warnings: [],
  lastOkAt: null,
  at: Date.now(),
})

function renderWith(sources: SourceStatus[], chats: Chat[] = [], demo = false) {
  const s = snapshot({ sources, chats })
  s.settings.app.demo = demo
  const bridge = installFakeBridge(s)
  render(<App />)
  return { bridge, user: userEvent.setup() }
}

describe('empty list', () => {
  beforeEach(resetStores)

  it('says nothing is connected, with Connect and Try demo, when every source is off', async () => {
    const { bridge, user } = renderWith([status('helpcrunch', 'disabled'), status('deskdirector', 'disabled')])
    expect(await screen.findByRole('heading', { name: 'Nothing is connected' })).toBeTruthy()
    expect(screen.queryByText(/All quiet/)).toBeNull()
    bridge.handlers['settings.update'] = (p) => ({ ok: true, result: { settings: snapshot().settings }, p })
    await user.click(screen.getByRole('button', { name: 'Try demo' }))
    expect(bridge.calls.find((c) => c.name === 'settings.update')?.params).toEqual({
      patch: { app: { demo: true, onboarded: true } },
    })
    await user.click(screen.getByRole('button', { name: 'Connect a help desk' }))
    expect(useUi.getState().view).toBe('settings')
  })

  it('says chats may be missing while a source fails, with Retry now', async () => {
    const { bridge, user } = renderWith([
      status('helpcrunch', 'offline', 'POST /chats/search: fetch failed'),
      status('deskdirector', 'ok'),
    ])
    expect(await screen.findByRole('heading', { name: 'No chats shown, but chats may be missing' })).toBeTruthy()
    expect(screen.getByText("HelpCrunch can't be reached.")).toBeTruthy()
    expect(screen.queryByText(/All quiet/)).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Retry now' }))
    expect(bridge.calls.at(-1)).toEqual({ name: 'sources.refresh', params: {} })
  })

  it('says how many chats the filters hide, and Clear filters brings them back', async () => {
    const { user } = renderWith(
      [status('deskdirector', 'ok')],
      [makeChat({ sourceId: '1' }), makeChat({ sourceId: '2' })],
    )
    await screen.findAllByText('Liam Tait')
    await user.type(screen.getByLabelText('Search chats'), 'nobody by this name')
    expect(screen.getByRole('heading', { name: 'Filters hide 2 chats' })).toBeTruthy()
    expect(screen.queryByText(/All quiet/)).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Clear filters (2 hidden)' }))
    expect(screen.getAllByText('Liam Tait')).toHaveLength(2)
    expect((screen.getByLabelText('Search chats') as HTMLInputElement).value).toBe('')
  })

  it('counts chats the filters hide under a list that still shows some', async () => {
    const { user } = renderWith(
      [status('deskdirector', 'ok')],
      [makeChat({ sourceId: '1' }), makeChat({ sourceId: '2', unread: false })],
    )
    await screen.findAllByText('Liam Tait')
    await user.click(screen.getByRole('checkbox', { name: 'Unread' }))
    expect(screen.getAllByText('Liam Tait')).toHaveLength(1)
    expect(screen.getByText(/Filters hide 1 more chat\./)).toBeTruthy()
  })

  it('says "All quiet" only when sources are fine, no filter hides anything and no chat is open', async () => {
    renderWith([status('helpcrunch', 'ok'), status('deskdirector', 'disabled')], [makeChat({ state: 'closed' })])
    expect(await screen.findByRole('heading', { name: 'All quiet' })).toBeTruthy()
  })

  it('in demo mode nothing-connected does not apply', async () => {
    renderWith([], [], true)
    expect(await screen.findByRole('heading', { name: 'All quiet' })).toBeTruthy()
  })

  it('remembers scope and unread for the next start (with when they were set), never the search', async () => {
    const { user } = renderWith([status('deskdirector', 'ok')], [makeChat()])
    await screen.findByText('Liam Tait')
    await user.selectOptions(screen.getByLabelText('Scope'), 'unassigned')
    await user.click(screen.getByRole('checkbox', { name: 'Unread' }))
    await user.type(screen.getByLabelText('Search chats'), 'zz')
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem('chat-tray.filters') ?? '{}')).toEqual({
        source: 'all',
        scope: 'unassigned',
        unreadOnly: true,
        at: expect.any(Number),
      }),
    )
    const { loadFilters } = await import('../lib/remembered-filters')
    expect(loadFilters().filters).toEqual({ source: 'all', scope: 'unassigned', search: '', unreadOnly: true })
    localStorage.setItem('chat-tray.filters', '{"scope":"everything"}')
    expect(loadFilters()).toEqual({ filters: { source: 'all', scope: 'all', search: '', unreadOnly: false }, at: 0 })
  })
})

import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../tests/helpers/chats'
import { App } from './App'
import { useUi } from './stores/ui-store'
import { installFakeBridge, snapshot } from './testing/fake-bridge'
import { resetStores } from './testing/reset'

const NOW = Date.now()
const person = (name: string) => ({ name, email: null, company: null, phone: null })
const ok = (source: string) => ({ source, state: 'ok' as const, message: null, warnings: [], lastOkAt: NOW, at: NOW })

describe('App', () => {
  beforeEach(resetStores)

  it('shows loading until the snapshot arrives, then the empty state, then a pushed chat', async () => {
    const bridge = installFakeBridge(snapshot({ sources: [ok('deskdirector')] }))
    let release: () => void = () => {}
    const original = bridge.handlers['snapshot.get']
    bridge.handlers['snapshot.get'] = (p) =>
      new Promise((resolve) => {
        release = () => resolve(original?.(p) as never)
      })
    render(<App />)
    expect(screen.getByText('Loading chats…')).toBeTruthy()
    release()
    expect(await screen.findByRole('heading', { name: 'All quiet' })).toBeTruthy()
    bridge.push({ type: 'chat.added', chat: makeChat({ customer: person('Printer Pete') }) })
    expect(screen.getByText('Printer Pete')).toBeTruthy()
  })

  it('shows why the snapshot failed', async () => {
    const bridge = installFakeBridge()
    bridge.handlers['snapshot.get'] = () => ({ ok: false, error: { code: 'internal', message: 'engine down' } })
    render(<App />)
    expect(await screen.findByText('Could not load chats: engine down')).toBeTruthy()
  })

  it('groups chats into Waiting / Missed & callbacks / Active (yours, team) / Snoozed and hides closed ones', async () => {
    installFakeBridge(
      snapshot({
        chats: [
          makeChat({ sourceId: 'w', customer: person('Wendy') }),
          makeChat({ sourceId: 'm', state: 'missed', customer: person('Mike') }),
          makeChat({ sourceId: 'c', state: 'callback', customer: person('Carla') }),
          makeChat({ sourceId: 'a', state: 'active', customer: person('Andy') }),
          makeChat({
            source: 'helpcrunch',
            sourceId: 'y',
            state: 'active',
            customer: person('Yara'),
            assignee: { id: '7', name: 'Me', email: null },
          }),
          makeChat({ sourceId: 's', snoozedUntil: NOW + 3_600_000, customer: person('Sam') }),
          makeChat({ sourceId: 'x', state: 'closed', customer: person('Xena') }),
        ],
        sources: [{ source: 'helpcrunch', state: 'ok', message: null, warnings: [], lastOkAt: NOW, at: NOW, me: '7' }],
      }),
    )
    render(<App />)
    const waiting = await screen.findByRole('list', { name: 'Waiting' })
    expect(within(waiting).getByText('Wendy')).toBeTruthy()
    const missed = screen.getByRole('list', { name: 'Missed & callbacks' })
    expect(within(missed).getAllByRole('listitem')).toHaveLength(2)
    expect(within(screen.getByRole('list', { name: 'Active · team' })).getByText('Andy')).toBeTruthy()
    expect(within(screen.getByRole('list', { name: 'Active · yours' })).getByText('Yara')).toBeTruthy()
    expect(within(screen.getByRole('list', { name: 'Snoozed' })).getByText('Sam')).toBeTruthy()
    expect(screen.queryByText('Xena')).toBeNull()
  })

  it('filters by source, scope and search', async () => {
    const s = snapshot({
      // Each status names "me" at its source: I am agent 7 at HelpCrunch.
      sources: [{ ...ok('helpcrunch'), me: '7' }],
      chats: [
        makeChat({ sourceId: '1', customer: person('Dora') }),
        makeChat({
          source: 'helpcrunch',
          sourceId: '2',
          customer: person('Hank'),
          assignee: { id: '7', name: 'Me', email: null },
        }),
      ],
    })
    s.settings.helpcrunch.agentId = '7'
    installFakeBridge(s)
    render(<App />)
    await screen.findByText('Dora')
    const user = userEvent.setup()
    await user.selectOptions(screen.getByLabelText('Source'), 'helpcrunch')
    expect(screen.queryByText('Dora')).toBeNull()
    await user.selectOptions(screen.getByLabelText('Source'), 'all')
    await user.selectOptions(screen.getByLabelText('Scope'), 'mine')
    expect(screen.queryByText('Dora')).toBeNull()
    expect(screen.getByText('Hank')).toBeTruthy()
    await user.selectOptions(screen.getByLabelText('Scope'), 'unassigned')
    expect(screen.getByText('Dora')).toBeTruthy()
    await user.selectOptions(screen.getByLabelText('Scope'), 'all')
    await user.type(screen.getByLabelText('Search chats'), 'han')
    expect(screen.queryByText('Dora')).toBeNull()
    expect(screen.getByText('Hank')).toBeTruthy()
  })

  it('offers demo data on first run and flips settings.app.demo', async () => {
    const s = snapshot()
    s.settings.app.onboarded = false
    const bridge = installFakeBridge(s)
    bridge.handlers['settings.update'] = (p) => ({
      ok: true,
      result: { settings: { ...s.settings, app: { ...s.settings.app, onboarded: true, demo: true } } },
      p,
    })
    render(<App />)
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Try it with demo data' }))
    expect(bridge.calls.find((c) => c.name === 'settings.update')?.params).toEqual({
      patch: { app: { onboarded: true, demo: true } },
    })
    await waitFor(() => expect(screen.queryByText('Welcome to Chat Tray')).toBeNull())
  })

  it('counts unseen alerts on the Alerts tab', async () => {
    const bridge = installFakeBridge()
    render(<App />)
    await screen.findByRole('heading', { name: 'Nothing is connected' })
    bridge.push({
      type: 'alert',
      alert: {
        id: 'a1',
        kind: 'new',
        chatKeys: ['deskdirector:1'],
        title: 'New chat',
        body: '',
        urgency: 'normal',
        actions: [],
        sound: null,
        at: NOW,
      },
    })
    expect(screen.getByRole('button', { name: 'Alerts 1 unseen' })).toBeTruthy()
  })

  it('opened from an alert (panel.show with chatKeys), clears a filter that would hide that chat', async () => {
    const chat = makeChat({ sourceId: 'toast', customer: person('Tess') })
    const bridge = installFakeBridge(snapshot({ chats: [chat] }))
    render(<App />)
    await screen.findByText('Tess')
    act(() => useUi.getState().setFilters({ scope: 'mine' }))
    expect(screen.queryByText('Tess')).toBeNull()
    bridge.push({ type: 'panel.show', view: 'chats', chatKeys: [chat.key] })
    expect(await screen.findByText('Tess')).toBeTruthy()
    expect(useUi.getState().filters.scope).toBe('all')
    expect(screen.getByText('Filters cleared: opened from the alert about Tess.')).toBeTruthy()
  })

  it('shows the view main asks for with a panel.show event (the tray\'s "Settings…")', async () => {
    const bridge = installFakeBridge()
    render(<App />)
    await screen.findByRole('heading', { name: 'Nothing is connected' })
    bridge.push({ type: 'panel.show', view: 'settings' })
    expect(await screen.findByRole('form', { name: 'Settings' })).toBeTruthy()
  })
})

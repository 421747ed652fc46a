/**
 * The team layer in the panel (issue 21), following a hub: collision chips on rows and feed entries, Take as a
 * claim with the conflict said in plain words, and the "while you were away" banner with keyboard access. Times
 * are read against a faked clock (no test depends on when or where it runs).
 */
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../shared/alert'
import type { Chat } from '../../../shared/chat'
import type { AgentPresence } from '../../../shared/protocol/team'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { useClock, useUi } from '../stores/ui-store'
import { type Handler, installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const NOW = Date.UTC(2026, 0, 5, 9, 30)
const waiting = makeChat({
  source: 'helpcrunch',
  sourceId: '5217453',
  customer: { name: 'Hana Novak', email: null, company: null, phone: null },
  createdAt: NOW - 30_000,
  updatedAt: NOW - 30_000,
})
const other = makeChat({
  sourceId: '77',
  customer: { name: 'Dirk Weber', email: null, company: null, phone: null },
  createdAt: NOW - 50_000,
  updatedAt: NOW - 50_000,
})

function presence(name: string, openChat: AgentPresence['openChat'], over: Partial<AgentPresence> = {}): AgentPresence {
  return {
    name,
    tier: '1',
    online: true,
    stale: false,
    reachable: true,
    dndUntil: null,
    onShift: true,
    activity: 'active',
    openChat,
    lastSeen: NOW,
    ...over,
  }
}

async function renderTeam(chats: Chat[], team: AgentPresence[] = [], alerts: Alert[] = []) {
  const s = snapshot({ chats, alerts, team: { agent: 'Ana Ruiz', tier: '1', presence: team } })
  const bridge = installFakeBridge(s)
  render(<App />)
  await screen.findByText(chats[0]?.customer.name ?? '')
  const row = (name: string) => screen.getByText(name).closest('li') as HTMLElement
  return { bridge, row, user: userEvent.setup() }
}

function clockAt(at: number) {
  vi.setSystemTime(at)
  act(() => useClock.getState().tick(at))
}

describe('collision chips', () => {
  beforeEach(() => {
    resetStores()
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  })
  afterEach(() => vi.useRealTimers())

  it('say who claimed a chat and who opened it, with screen-reader words, and tick with the panel clock', async () => {
    const claimed = { ...waiting, claim: { agent: 'Mia Novak', since: NOW - 20_000 } }
    const { row } = await renderTeam([claimed], [presence('Leo Brandt', { key: waiting.key, at: NOW - 60_000 })])
    const chips = row('Hana Novak').querySelector('.collision-chips') as HTMLElement
    expect([...chips.querySelectorAll('[aria-hidden="true"]')].map((n) => n.textContent)).toEqual([
      'Mia Novak is on it · 20 s',
      'Leo Brandt opened it 1 min ago',
    ])
    expect(
      screen.getByRole('listitem', {
        name: /Mia Novak is on it, claimed 20 seconds ago , Leo Brandt opened it at the help desk 1 minute ago$/,
      }),
    ).toBeTruthy()
    clockAt(NOW + 45_000)
    expect(within(row('Hana Novak')).getByText('Mia Novak is on it · 1 min')).toBeTruthy()
    // Past five minutes an opened chat is no longer "open"; the claim stays.
    clockAt(NOW + 5 * 60_000)
    expect(within(row('Hana Novak')).queryByText(/Leo Brandt opened it/)).toBeNull()
  })

  it('shows my own claim as mine, and nobody who is stale or offline', async () => {
    const mine = { ...waiting, claim: { agent: 'Ana Ruiz', since: NOW - 4_000 } }
    const { row } = await renderTeam(
      [mine],
      [
        presence('Leo Brandt', { key: waiting.key, at: NOW - 1_000 }, { stale: true }),
        presence('Ivo Marić', { key: waiting.key, at: NOW - 1_000 }, { online: false }),
        presence('Ana Ruiz', { key: waiting.key, at: NOW - 1_000 }),
      ],
    )
    expect(within(row('Hana Novak')).getByText('You are on it · 4 s')).toBeTruthy()
    expect(row('Hana Novak').querySelectorAll('.collision-chip')).toHaveLength(1)
  })

  it('without a hub, Take assigns at the help desk as before (no claim)', async () => {
    const bridge = installFakeBridge(snapshot({ chats: [waiting] }))
    bridge.handlers['chat.assign'] = () => ({ ok: true, result: { chat: waiting } })
    bridge.handlers['chat.open'] = () => ({ ok: true, result: {} })
    render(<App />)
    const row = (await screen.findByText('Hana Novak')).closest('li') as HTMLElement
    const user = userEvent.setup()
    await user.hover(row)
    await user.click(within(row).getByRole('button', { name: 'Take' }))
    await waitFor(() => expect(bridge.calls.map((c) => c.name)).toContain('chat.open'))
    expect(bridge.calls.some((c) => c.name === 'chat.claim')).toBe(false)
    expect(row.querySelectorAll('.collision-chip')).toHaveLength(0)
  })

  it('shows the chips on the chat’s entry in the alerts feed, and no Take for a claimed chat', async () => {
    const claimed = { ...waiting, claim: { agent: 'Mia Novak', since: NOW - 20_000 } }
    const alert: Alert = {
      id: `${waiting.key}:new`,
      kind: 'new',
      chatKeys: [waiting.key],
      title: 'Hana Novak',
      body: 'New chat',
      urgency: 'normal',
      actions: [],
      sound: null,
      at: NOW - 25_000,
    }
    await renderTeam([claimed], [], [alert])
    act(() => useUi.getState().setView('alerts'))
    const entry = (await screen.findByText('Mia Novak is on it · 20 s')).closest('li') as HTMLElement
    expect(entry.dataset.alert).toBe(alert.id)
    expect(within(entry).queryByRole('button', { name: 'Take' })).toBeNull()
  })
})

describe('Take as a claim', () => {
  beforeEach(() => {
    resetStores()
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  })
  afterEach(() => vi.useRealTimers())

  it('claims the version I saw; when someone was faster, says who in plain words and offers no retry', async () => {
    const { bridge, row, user } = await renderTeam([waiting])
    const lost: Handler = () =>
      ({
        ok: false,
        error: {
          code: 'conflict',
          message: 'Mia Novak took it 4 s ago',
          claim: { agent: 'Mia Novak', since: NOW - 4_000 },
        },
      }) as never
    bridge.handlers['chat.claim'] = lost
    await user.hover(row('Hana Novak'))
    await user.click(within(row('Hana Novak')).getByRole('button', { name: 'Take' }))
    const alert = await within(row('Hana Novak')).findByRole('alert')
    expect(alert.querySelector('.row-error-text')?.textContent).toBe("Couldn't take. Mia Novak took it 4 s ago.")
    expect(within(alert).queryByRole('button', { name: /Retry/ })).toBeNull()
    expect(bridge.calls.filter((c) => c.name === 'chat.claim').map((c) => c.params)).toEqual([
      { key: waiting.key, version: waiting.updatedAt },
    ])
    // Nothing goes to the help desk: no assign, and the chat is not opened.
    expect(bridge.calls.some((c) => c.name === 'chat.assign' || c.name === 'chat.open')).toBe(false)
  })

  it('is offered for a chat of a desk that cannot assign (the hub keeps the claim), and opens it once claimed', async () => {
    const { bridge, row, user } = await renderTeam([other])
    bridge.handlers['chat.claim'] = () => ({ ok: true, result: { chat: other } })
    bridge.handlers['chat.open'] = () => ({ ok: true, result: {} })
    await user.hover(row('Dirk Weber'))
    await user.click(within(row('Dirk Weber')).getByRole('button', { name: 'Take' }))
    await waitFor(() => expect(bridge.calls.map((c) => c.name)).toContain('chat.open'))
    expect(bridge.calls.map((c) => c.name).filter((n) => n.startsWith('chat.'))).toEqual(['chat.claim', 'chat.open'])
  })
})

describe('while you were away', () => {
  beforeEach(() => {
    resetStores()
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  })
  afterEach(() => vi.useRealTimers())

  const summary = {
    reason: 'resume' as const,
    from: NOW - 3_600_000,
    to: NOW,
    arrived: 3,
    taken: 2,
    takenBy: ['Mia Novak', 'Leo Brandt'],
    stillWaiting: [waiting.key],
    text: '3 arrived · 2 taken by Mia Novak and Leo Brandt · 1 still waiting',
  }

  it('says what happened in one line with Take for the chat still waiting, reachable by keyboard', async () => {
    const { bridge, user } = await renderTeam([waiting])
    bridge.handlers['chat.claim'] = () => ({ ok: true, result: { chat: waiting } })
    bridge.handlers['chat.open'] = () => ({ ok: true, result: {} })
    bridge.push({ type: 'team.away', summary })
    const banner = screen.getByRole('region', { name: 'While you were away:' })
    expect(within(banner).getByRole('status').textContent).toBe(
      'While you were away: 3 arrived · 2 taken by Mia Novak and Leo Brandt · 1 still waiting',
    )
    const take = within(banner).getByRole('button', { name: 'Take Hana Novak' })
    take.focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(bridge.calls.map((c) => c.name)).toContain('chat.claim'))
    expect(bridge.calls.find((c) => c.name === 'chat.claim')?.params).toEqual({
      key: waiting.key,
      version: waiting.updatedAt,
    })
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('region', { name: 'While you were away:' })).toBeNull()
  })

  it('follows the chats: one a teammate takes meanwhile is no longer "still waiting" and has no Take', async () => {
    const { bridge } = await renderTeam([waiting])
    bridge.push({ type: 'team.away', summary })
    bridge.push({
      type: 'chat.changed',
      chat: { ...waiting, claim: { agent: 'Leo Brandt', since: NOW } },
      previous: waiting,
    })
    const banner = screen.getByRole('region', { name: 'While you were away:' })
    expect(within(banner).getByRole('status').textContent).toMatch(/· none still waiting$/)
    expect(within(banner).queryByRole('button', { name: /^Take/ })).toBeNull()
    await userEvent.setup().click(within(banner).getByRole('button', { name: 'Dismiss the away summary' }))
    expect(screen.queryByRole('region', { name: 'While you were away:' })).toBeNull()
  })
})

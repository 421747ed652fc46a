import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Chat } from '../../../shared/chat'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { useClock } from '../stores/ui-store'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const ME = '4188'
// A fixed clock: every time on the row is read against it (no test depends on when it runs).
const NOW = Date.UTC(2026, 0, 5, 3, 13)
const hc = makeChat({
  source: 'helpcrunch',
  sourceId: '5217453',
  customer: { name: 'Hana Novak', email: null, company: 'Acme', phone: null },
  lastMessageText: 'My invoice is wrong',
  createdAt: NOW - 125_000,
  lastCustomerMessageAt: NOW - 125_000,
  lastMessageAt: NOW - 125_000,
})
const dd = makeChat({
  sourceId: '9',
  unread: false,
  customer: { name: 'Dirk', email: null, company: null, phone: null },
})
const person = (name: string) => ({ name, email: null, company: null, phone: null })

async function renderWith(chats: Chat[], options: { privacy?: boolean } = {}) {
  // Each status names "me" at its source (main stamps it from the adapter): I am agent ME at HelpCrunch.
  const s = snapshot({ chats, sources: [{ ...ok('helpcrunch'), me: ME }, ok('deskdirector')] })
  s.settings.alerts.privacy = options.privacy ?? false
  s.settings.alerts.firstResponseSeconds = { helpcrunch: 60, deskdirector: 40 }
  s.settings.helpcrunch.agentId = ME
  const bridge = installFakeBridge(s)
  render(<App />)
  await screen.findByText(chats[0]?.customer.name ?? '')
  const row = (name: string) => screen.getByText(name).closest('li') as HTMLElement
  return { bridge, row, user: userEvent.setup() }
}

function ok(source: string) {
  return { source, state: 'ok' as const, message: null, warnings: [], lastOkAt: NOW, at: NOW }
}

/** Moves the injected clock to `at` (the app's ticker reads the same faked Date). */
function clockAt(at: number) {
  vi.setSystemTime(at)
  act(() => useClock.getState().tick(at))
}

const timeOf = (row: HTMLElement) => row.querySelector('.reply-time') as HTMLElement

describe('chat row', () => {
  beforeEach(() => {
    resetStores()
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  })
  afterEach(() => vi.useRealTimers())

  it('shows initials coloured by source, customer, company, last message and the reply countdown; no repeats', async () => {
    const { row } = await renderWith([hc])
    const r = within(row('Hana Novak'))
    expect(r.getByText('HN').getAttribute('title')).toBe('HelpCrunch')
    expect(r.getByText('HN').dataset.tone).toBe('0')
    expect(r.getByText('Acme · My invoice is wrong')).toBeTruthy()
    // No source pill (the avatar says it) and no "Unassigned" on a waiting row (the group says it).
    expect(r.queryByText('HelpCrunch')).toBeNull()
    expect(r.queryByText('Unassigned')).toBeNull()
    // 125 s against HelpCrunch's 60 s target.
    expect(timeOf(row('Hana Novak')).textContent).toBe('overdue 1mfirst reply overdue by 1m')
    expect(timeOf(row('Hana Novak')).dataset.level).toBe('overdue')
  })

  it('has an accessible name made of customer, source, the reply time in words and assignee', async () => {
    await renderWith([hc])
    expect(
      screen.getByRole('listitem', { name: /^Hana Novak ?, unread ?, HelpCrunch first reply overdue by 1m$/ }),
    ).toBeTruthy()
  })

  it('hides the last message in privacy mode but keeps the company and says the message is hidden', async () => {
    const { row } = await renderWith([hc], { privacy: true })
    expect(screen.queryByText(/My invoice is wrong/)).toBeNull()
    expect(within(row('Hana Novak')).getByText('Acme · message hidden')).toBeTruthy()
  })

  it('counts down to the first-response target: calm, amber at half, red at 80 %, then overdue', async () => {
    const fresh = { ...hc, createdAt: NOW - 10_000, lastCustomerMessageAt: NOW - 10_000, lastMessageAt: NOW - 10_000 }
    const { row } = await renderWith([fresh])
    const level = () => timeOf(row('Hana Novak')).dataset.level
    const text = () => timeOf(row('Hana Novak')).firstChild?.textContent
    expect([level(), text()]).toEqual(['calm', '50s left'])
    clockAt(NOW + 20_000)
    expect([level(), text()]).toEqual(['soon', '30s left'])
    clockAt(NOW + 38_000)
    expect([level(), text()]).toEqual(['late', '12s left'])
    clockAt(NOW + 290_000)
    expect([level(), text()]).toEqual(['overdue', 'overdue 4m'])
    // Past the first minute the label changes once a minute, not every second.
    clockAt(NOW + 299_000)
    expect(text()).toBe('overdue 4m')
  })

  it('is neutral when the agent spoke last, with "You:" on the preview of my chat', async () => {
    const mine = {
      ...hc,
      state: 'active' as const,
      assignee: { id: ME, name: 'Me', email: null },
      lastCustomerMessageAt: NOW - 600_000,
      lastMessageAt: NOW - 120_000,
      lastMessageText: 'I have sent you a new invoice',
    }
    const { row } = await renderWith([mine])
    expect(timeOf(row('Hana Novak')).dataset.level).toBe('neutral')
    expect(timeOf(row('Hana Novak')).firstChild?.textContent).toBe('2m')
    expect(within(row('Hana Novak')).getByText('Acme · You: I have sent you a new invoice')).toBeTruthy()
  })

  it('is one tab stop: the actions are not in the tab order, the row is', async () => {
    const { row, user } = await renderWith([hc, { ...dd, createdAt: 2_000_000_000_000 }])
    // The hover actions are rendered only once the pointer (or focus) reaches the row.
    expect(within(row('Hana Novak')).queryByRole('button', { name: 'Take' })).toBeNull()
    await user.hover(row('Hana Novak'))
    for (const button of within(row('Hana Novak')).getAllByRole('button')) expect(button.tabIndex).toBe(-1)
    expect(row('Hana Novak').tabIndex).toBe(0)
    expect(row('Dirk').tabIndex).toBe(-1)
    await user.click(screen.getByLabelText('Search chats'))
    // Past the group header's own controls, the first row is the list's one stop.
    for (let i = 0; i < 5 && !document.activeElement?.classList.contains('chat-row'); i++) await user.tab()
    expect(document.activeElement).toBe(row('Hana Novak'))
    await user.tab()
    expect(document.activeElement?.closest('.chat-row')).toBeNull()
    await user.tab({ shift: true })
    expect(document.activeElement).toBe(row('Hana Novak'))
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(row('Dirk'))
    expect(row('Dirk').tabIndex).toBe(0)
    expect(row('Hana Novak').tabIndex).toBe(-1)
  })

  it('Enter opens the focused chat; the row menu lists every action and Esc returns to the row', async () => {
    const { bridge, row, user } = await renderWith([hc])
    row('Hana Novak').focus()
    await user.keyboard('{Enter}')
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.open', params: { key: hc.key } })
    await user.keyboard('.')
    const menu = screen.getByRole('menu', { name: 'Actions for Hana Novak' })
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual(['Taket', 'OpenEnter', 'Snooze…s', 'Assign to mea', 'Mark readm'])
    expect(document.activeElement?.textContent).toBe('Taket')
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement?.textContent).toBe('OpenEnter')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(row('Hana Novak'))
  })

  it('right-click opens the row menu', async () => {
    const { row, user } = await renderWith([hc])
    await user.pointer({ keys: '[MouseRight]', target: row('Hana Novak') })
    expect(screen.getByRole('menu', { name: 'Actions for Hana Novak' })).toBeTruthy()
  })

  it('offers assign only for HelpCrunch and mark read only when unread', async () => {
    const { row, user } = await renderWith([hc, dd])
    await user.hover(row('Hana Novak'))
    expect(within(row('Hana Novak')).getByRole('button', { name: 'Take' })).toBeTruthy()
    await user.hover(row('Dirk'))
    expect(within(row('Dirk')).queryByRole('button', { name: 'Take' })).toBeNull()
    expect(within(row('Dirk')).queryByRole('button', { name: 'Mark read' })).toBeNull()
  })

  it('"Take" assigns to me, then opens', async () => {
    const { bridge, row, user } = await renderWith([hc])
    await user.hover(row('Hana Novak'))
    await user.click(within(row('Hana Novak')).getByRole('button', { name: 'Take' }))
    await waitFor(() => expect(bridge.calls.filter((c) => c.name.startsWith('chat.')).length).toBe(2))
    expect(bridge.calls.filter((c) => c.name.startsWith('chat.'))).toEqual([
      { name: 'chat.assign', params: { key: hc.key } },
      { name: 'chat.open', params: { key: hc.key } },
    ])
  })

  it('shows "You" for my own chat and offers Unassign instead of Assign to me', async () => {
    const mine = { ...hc, assignee: { id: ME, name: 'Ana Agent', email: null } }
    const { bridge, row, user } = await renderWith([mine])
    const r = within(row('Hana Novak'))
    expect(r.getByText('You')).toBeTruthy()
    expect(r.queryByText('Ana Agent')).toBeNull()
    expect(r.queryByRole('button', { name: /Assign to me|Take/ })).toBeNull()
    row('Hana Novak').focus()
    await user.keyboard('u')
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.assign', params: { key: hc.key, unassign: true } })
  })

  it("confirms before taking over a colleague's chat", async () => {
    const theirs = { ...hc, assignee: { id: '7', name: 'Dana', email: null } }
    const { bridge, row, user } = await renderWith([theirs])
    expect(within(row('Hana Novak')).getByText('Dana')).toBeTruthy()
    row('Hana Novak').focus()
    await user.keyboard('a')
    const confirm = screen.getByRole('alertdialog', { name: 'Take over this chat?' })
    expect(confirm.textContent).toContain('Dana has this chat. Take it over?')
    expect(bridge.calls.some((c) => c.name === 'chat.assign')).toBe(false)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(row('Hana Novak'))
    await user.keyboard('a')
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Take over' }))
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.assign', params: { key: hc.key } })
  })

  it('shows a failure in plain words with a Retry that counts down, and the raw detail second', async () => {
    const { bridge, row, user } = await renderWith([hc])
    let fail = true
    bridge.handlers['chat.assign'] = () =>
      fail
        ? { ok: false, error: { code: 'rate_limited', message: 'request budget is used up' } }
        : { ok: true, result: { chat: hc } }
    row('Hana Novak').focus()
    await user.keyboard('.')
    await user.click(screen.getByRole('menuitem', { name: /Assign to me/ }))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText("Couldn't assign.")).toBeTruthy()
    expect(alert.textContent).toContain('HelpCrunch is limiting requests right now.')
    expect(
      within(alert)
        .getByRole('button', { name: /^Retry in 1[45] s$/ })
        .hasAttribute('disabled'),
    ).toBe(true)
    expect(within(alert).getByText('Details').closest('details')?.open).toBe(false)
    expect(alert.querySelector('code')?.textContent).toBe('rate_limited: request budget is used up')
    expect(row('Hana Novak').className).toContain('failed')
    act(() => useClock.getState().tick(Date.now() + 16_000))
    fail = false
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(bridge.calls.filter((c) => c.name === 'chat.assign')).toHaveLength(2)
    expect(row('Hana Novak').className).not.toContain('failed')
  })

  it('offers Settings instead of Retry when the fix is a setting, and can dismiss', async () => {
    const { bridge, row, user } = await renderWith([hc])
    bridge.handlers['chat.open'] = () => ({
      ok: false,
      error: { code: 'not_configured', message: 'no web address is configured for helpcrunch chats yet' },
    })
    await user.hover(row('Hana Novak'))
    await user.click(within(row('Hana Novak')).getByRole('button', { name: 'Open' }))
    const alert = await screen.findByRole('alert')
    expect(within(alert).queryByRole('button', { name: /Retry/ })).toBeNull()
    expect(within(alert).getByRole('button', { name: 'Open Settings' })).toBeTruthy()
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }))
    expect(row('Hana Novak').className).not.toContain('failed')
  })

  it('opens and marks read through their commands', async () => {
    const { bridge, row, user } = await renderWith([hc])
    row('Hana Novak').focus()
    await user.keyboard('o')
    await user.keyboard('m')
    expect(bridge.calls.filter((c) => c.name.startsWith('chat.'))).toEqual([
      { name: 'chat.open', params: { key: hc.key } },
      { name: 'chat.read', params: { key: hc.key } },
    ])
  })

  it('unsnoozes a snoozed chat', async () => {
    const snoozed = { ...dd, snoozedUntil: Date.now() + 600_000 }
    const { bridge, row, user } = await renderWith([snoozed])
    await user.hover(row('Dirk'))
    await user.click(within(row('Dirk')).getByRole('button', { name: 'Unsnooze' }))
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.unsnooze', params: { key: snoozed.key } })
  })

  it('moves a row to Snoozed when main reports the change', async () => {
    const { bridge } = await renderWith([hc])
    bridge.push({ type: 'chat.changed', chat: { ...hc, snoozedUntil: Date.now() + 900_000 }, previous: hc })
    expect(within(screen.getByRole('list', { name: 'Snoozed' })).getByText('Hana Novak')).toBeTruthy()
    expect(screen.queryByRole('list', { name: 'Waiting' })).toBeNull()
  })

  it('folds a group under its header', async () => {
    const { user } = await renderWith([hc, makeChat({ sourceId: 'a', state: 'active', customer: person('Andy') })])
    const toggle = screen.getByRole('button', { name: 'Waiting 1' })
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    await user.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByText('Hana Novak')).toBeNull()
    expect(screen.getByText('Andy')).toBeTruthy()
  })
})

import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Chat } from '../../../shared/chat'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { useClock } from '../stores/ui-store'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const ME = '4188'
const hc = makeChat({
  source: 'helpcrunch',
  sourceId: '5217453',
  customer: { name: 'Hana Novak', email: null, company: 'Acme', phone: null },
  lastMessageText: 'My invoice is wrong',
  lastMessageAt: Date.now() - 125_000,
})
const dd = makeChat({
  sourceId: '9',
  unread: false,
  customer: { name: 'Dirk', email: null, company: null, phone: null },
})
const person = (name: string) => ({ name, email: null, company: null, phone: null })

async function renderWith(chats: Chat[], options: { privacy?: boolean; stillWaiting?: number } = {}) {
  const s = snapshot({ chats, sources: [ok('helpcrunch'), ok('deskdirector')] })
  s.settings.alerts.privacy = options.privacy ?? false
  s.settings.alerts.stillWaitingAfterSeconds = options.stillWaiting ?? 120
  s.settings.helpcrunch.agentId = ME
  const bridge = installFakeBridge(s)
  render(<App />)
  await screen.findByText(chats[0]?.customer.name ?? '')
  const row = (name: string) => screen.getByText(name).closest('li') as HTMLElement
  return { bridge, row, user: userEvent.setup() }
}

function ok(source: string) {
  return { source, state: 'ok' as const, message: null, warnings: [], lastOkAt: Date.now(), at: Date.now() }
}

describe('chat row', () => {
  beforeEach(resetStores)

  it('shows avatar initials, customer, company, source, waiting time, last message and assignee', async () => {
    const { row } = await renderWith([hc])
    const r = within(row('Hana Novak'))
    expect(r.getByText('HN')).toBeTruthy()
    expect(r.getByText('HelpCrunch')).toBeTruthy()
    expect(r.getByText('Acme · My invoice is wrong')).toBeTruthy()
    expect(r.getByText('Unassigned')).toBeTruthy()
    // "waiting for" is said in words, not only in a tooltip.
    expect(row('Hana Novak').querySelector('time')?.textContent).toMatch(/^waiting for 2m 0[5-9]s$/)
  })

  it('has an accessible name made of customer, source, waiting time and assignee', async () => {
    await renderWith([hc])
    expect(
      screen.getByRole('listitem', { name: /^Hana Novak ?, unread HelpCrunch waiting for 2m \d\ds Unassigned$/ }),
    ).toBeTruthy()
  })

  it('hides the last message in privacy mode but keeps the company', async () => {
    const { row } = await renderWith([hc], { privacy: true })
    expect(screen.queryByText(/My invoice is wrong/)).toBeNull()
    expect(within(row('Hana Novak')).getByText('Acme')).toBeTruthy()
  })

  it('turns the waiting time amber past the still-waiting threshold and red past twice it', async () => {
    const { row } = await renderWith([hc], { stillWaiting: 100 })
    const time = () => row('Hana Novak').querySelector('time') as HTMLElement
    expect(time().className).toContain('wait-late')
    act(() => useClock.getState().tick(Date.now() + 100_000))
    expect(time().className).toContain('wait-overdue')
    expect(time().textContent).toContain('long wait')
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

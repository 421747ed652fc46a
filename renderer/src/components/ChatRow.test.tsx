import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Chat } from '../../../shared/chat'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const hc = makeChat({
  source: 'helpcrunch',
  sourceId: '5217453',
  customer: { name: 'Hana', email: null, company: null, phone: null },
  lastMessageText: 'My invoice is wrong',
  lastMessageAt: Date.now() - 125_000,
})
const dd = makeChat({
  sourceId: '9',
  unread: false,
  customer: { name: 'Dirk', email: null, company: null, phone: null },
})

async function renderWith(chats: Chat[], privacy = false) {
  const s = snapshot({ chats })
  s.settings.alerts.privacy = privacy
  const bridge = installFakeBridge(s)
  render(<App />)
  await screen.findByText(chats[0]?.customer.name ?? '')
  const row = (name: string) => screen.getByText(name).closest('li') as HTMLElement
  return { bridge, row, user: userEvent.setup() }
}

describe('chat row', () => {
  beforeEach(resetStores)

  it('shows customer, source badge, waiting time, last message and assignee', async () => {
    const { row } = await renderWith([hc])
    const r = within(row('Hana'))
    expect(r.getByText('HelpCrunch')).toBeTruthy()
    expect(r.getByText(/^2m 0[5-9]s$/)).toBeTruthy()
    expect(r.getByText('My invoice is wrong')).toBeTruthy()
    expect(r.getByText('Unassigned')).toBeTruthy()
  })

  it('hides the last message in privacy mode', async () => {
    await renderWith([hc], true)
    expect(screen.queryByText('My invoice is wrong')).toBeNull()
  })

  it('offers assign only for HelpCrunch and mark read only when unread', async () => {
    const { row } = await renderWith([hc, dd])
    expect(within(row('Hana')).getByRole('button', { name: 'Assign to me' })).toBeTruthy()
    expect(within(row('Hana')).getByRole('button', { name: 'Mark read' })).toBeTruthy()
    expect(within(row('Dirk')).queryByRole('button', { name: 'Assign to me' })).toBeNull()
    expect(within(row('Dirk')).queryByRole('button', { name: 'Mark read' })).toBeNull()
  })

  it('snoozes with a preset, showing the pending state until main answers', async () => {
    const { bridge, row, user } = await renderWith([hc])
    let answer: () => void = () => {}
    bridge.handlers['chat.snooze'] = () =>
      new Promise((resolve) => {
        answer = () => resolve({ ok: true, result: { chat: hc } })
      })
    await user.click(within(row('Hana')).getByRole('button', { name: 'Snooze' }))
    await user.click(screen.getByRole('menuitem', { name: '1 hour' }))
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.snooze', params: { key: hc.key, preset: '1h' } })
    expect(within(row('Hana')).getByRole('status').textContent).toBe('Snooze…')
    expect(row('Hana').getAttribute('aria-busy')).toBe('true')
    answer()
    await waitFor(() => expect(row('Hana').getAttribute('aria-busy')).toBe('false'))
  })

  it('snoozes until a custom time', async () => {
    const { bridge, row, user } = await renderWith([hc])
    await user.click(within(row('Hana')).getByRole('button', { name: 'Snooze' }))
    const input = screen.getByLabelText('Until') as HTMLInputElement
    await user.clear(input)
    await user.type(input, '2099-01-02T03:04')
    await user.click(within(screen.getByRole('menu')).getByRole('button', { name: 'Snooze' }))
    expect(bridge.calls.at(-1)).toEqual({
      name: 'chat.snooze',
      params: { key: hc.key, until: new Date('2099-01-02T03:04').getTime() },
    })
  })

  it('turns the row red with the reason when an action fails, and can dismiss it', async () => {
    const { bridge, row, user } = await renderWith([hc])
    bridge.handlers['chat.assign'] = () => ({
      ok: false,
      error: { code: 'source_error', message: 'HelpCrunch says: agent is offline' },
    })
    await user.click(within(row('Hana')).getByRole('button', { name: 'Assign to me' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Assign failed: HelpCrunch says: agent is offline')
    expect(row('Hana').className).toContain('failed')
    await user.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(row('Hana').className).not.toContain('failed')
  })

  it('opens and marks read through their commands', async () => {
    const { bridge, row, user } = await renderWith([hc])
    await user.click(within(row('Hana')).getByRole('button', { name: 'Open' }))
    await user.click(within(row('Hana')).getByRole('button', { name: 'Mark read' }))
    expect(bridge.calls.filter((c) => c.name.startsWith('chat.'))).toEqual([
      { name: 'chat.open', params: { key: hc.key } },
      { name: 'chat.read', params: { key: hc.key } },
    ])
  })

  it('unsnoozes a snoozed chat', async () => {
    const snoozed = { ...dd, snoozedUntil: Date.now() + 600_000 }
    const { bridge, row, user } = await renderWith([snoozed])
    await user.click(within(row('Dirk')).getByRole('button', { name: 'Unsnooze' }))
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.unsnooze', params: { key: snoozed.key } })
  })

  it('moves a row to Snoozed when main reports the change', async () => {
    const { bridge } = await renderWith([hc])
    bridge.push({ type: 'chat.changed', chat: { ...hc, snoozedUntil: Date.now() + 900_000 }, previous: hc })
    expect(within(screen.getByRole('list', { name: 'Snoozed' })).getByText('Hana')).toBeTruthy()
    expect(screen.queryByRole('list', { name: 'Waiting' })).toBeNull()
  })
})

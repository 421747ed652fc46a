import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/alert'
import { App } from '../App'
import { useUi } from '../stores/ui-store'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const alert = (id: string, over: Partial<Alert> = {}): Alert => ({
  id,
  kind: 'missed',
  chatKeys: ['helpcrunch:1'],
  title: `Missed chat ${id}`,
  body: 'Where is everyone?',
  urgency: 'critical',
  actions: [],
  sound: 'missed',
  at: Date.now(),
  ...over,
})

describe('alerts feed', () => {
  beforeEach(resetStores)

  it('is empty when there are no alerts', async () => {
    installFakeBridge()
    useUi.setState({ view: 'alerts' })
    render(<App />)
    expect(await screen.findByText('No alerts yet.')).toBeTruthy()
  })

  it('lists alerts newest first with read state, marks them seen, and offers quick actions', async () => {
    const bridge = installFakeBridge()
    bridge.handlers['alerts.list'] = () => ({ ok: true, result: { alerts: [alert('a'), alert('b')], unseen: 1 } })
    useUi.setState({ view: 'alerts' })
    render(<App />)
    const items = await screen.findAllByRole('listitem')
    expect(items[0]?.textContent).toContain('Missed chat b')
    expect(items[0]?.textContent).toContain('unread')
    expect(items[1]?.textContent).toContain('read')
    expect(bridge.calls.some((c) => c.name === 'alerts.seen')).toBe(true)
    const user = userEvent.setup()
    bridge.handlers['chat.snooze'] = () => ({ ok: false, error: { code: 'rate_limited', message: 'slow down' } })
    await user.click(within(items[0] as HTMLElement).getByRole('button', { name: 'Snooze 15 min' }))
    expect(bridge.calls.at(-1)).toEqual({ name: 'chat.snooze', params: { key: 'helpcrunch:1', preset: '15m' } })
    expect((await screen.findAllByRole('alert'))[0]?.textContent).toContain('Snooze failed: slow down')
  })

  it('hides alert bodies in privacy mode and gives summaries no actions', async () => {
    const s = snapshot()
    s.settings.alerts.privacy = true
    const bridge = installFakeBridge(s)
    bridge.handlers['alerts.list'] = () => ({
      ok: true,
      result: { alerts: [alert('s', { kind: 'summary', chatKeys: ['a:1', 'a:2'] })], unseen: 0 },
    })
    useUi.setState({ view: 'alerts' })
    render(<App />)
    await screen.findByText('Missed chat s')
    expect(screen.queryByText('Where is everyone?')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Open' })).toBeNull()
  })
})

import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { TestAlertResult } from '../../../../shared/protocol'
import { installFakeBridge } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'
import { TestAlert } from './TestAlert'

const GUIDANCE = ['Focus Assist: Settings → System → Notifications → Do not disturb is off.']
const answer = (outcome: TestAlertResult['outcome'], error: string | null = null) => ({
  ok: true as const,
  result: { outcome, error, toasts: { hidden: false, reason: null, detectable: false, guidance: GUIDANCE } },
})

describe('Send a test alert', () => {
  beforeEach(resetStores)

  it('asks "Did you see it?" after the OS took the toast; "No" lists what to check on this OS', async () => {
    const bridge = installFakeBridge()
    bridge.handlers['notifications.test'] = () => answer('shown')
    render(<TestAlert />)
    await userEvent.click(screen.getByRole('button', { name: 'Send a test alert' }))
    expect(bridge.calls.filter((c) => c.name === 'notifications.test')).toHaveLength(1)
    expect(await screen.findByText('Did you see it?')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'No' }))
    const help = screen.getByRole('alert')
    expect(help.textContent).toContain('accepted the toast but did not show it')
    expect(help.textContent).toContain(GUIDANCE[0])
  })

  it('"Yes" confirms; a toast the OS refused is said at once with its words and the steps', async () => {
    const bridge = installFakeBridge()
    bridge.handlers['notifications.test'] = () => answer('shown')
    render(<TestAlert />)
    await userEvent.click(screen.getByRole('button', { name: 'Send a test alert' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Yes' }))
    expect(screen.getByText(/Toasts reach you/)).toBeTruthy()
    bridge.handlers['notifications.test'] = () => answer('failed', 'notifications are off for this app')
    await userEvent.click(screen.getByRole('button', { name: 'Send a test alert' }))
    const help = await screen.findByRole('alert')
    expect(help.textContent).toContain('The system refused the toast: notifications are off for this app.')
    expect(help.textContent).toContain(GUIDANCE[0])
    expect(screen.queryByText('Did you see it?')).toBeNull()
  })

  it('says plainly where no toast can be sent (a host without the desktop shell)', async () => {
    const bridge = installFakeBridge()
    bridge.handlers['notifications.test'] = () => ({
      ok: false,
      error: { code: 'unsupported', message: 'notifications.test is not supported here' },
    })
    render(<TestAlert />)
    await userEvent.click(screen.getByRole('button', { name: 'Send a test alert' }))
    expect(await screen.findByText(/Only the desktop app shows toasts/)).toBeTruthy()
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { NO_POLICY } from '../../../shared/policy'
import type { DesktopStatus, UpdateStatus } from '../../../shared/protocol'
import { installFakeBridge } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'
import { DesktopBanner } from './DesktopBanner'

const update = (over: Partial<UpdateStatus>): UpdateStatus => ({
  state: 'idle',
  current: '0.1.0',
  channel: 'stable',
  version: null,
  downloadUrl: null,
  message: null,
  checkedAt: null,
  ...over,
})
const status = (over: Partial<DesktopStatus> = {}): DesktopStatus => ({
  update: update({}),
  tray: { mode: 'tray', reason: null },
  toasts: { hidden: false, reason: null, detectable: true, guidance: [] },
  ...over,
})

describe('the desktop banner', () => {
  beforeEach(resetStores)

  it('says nothing when all is well, or where the host has no desktop status', async () => {
    const bridge = installFakeBridge()
    render(<DesktopBanner />)
    await waitFor(() => expect(bridge.calls.map((c) => c.name)).toContain('desktop.status'))
    expect(screen.queryByRole('region', { name: 'About Chat Tray' })).toBeNull()
  })

  it('offers "Restart to update" once an update is ready, and follows desktop.status events', async () => {
    const bridge = installFakeBridge()
    bridge.handlers['desktop.status'] = () => ({ ok: true, result: status() })
    render(<DesktopBanner />)
    bridge.push({ type: 'desktop.status', status: status({ update: update({ state: 'ready', version: '0.2.0' }) }) })
    expect(await screen.findByText('Chat Tray 0.2.0 is ready.')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Restart to update' }))
    expect(bridge.calls.map((c) => c.name)).toContain('update.install')
  })

  it('says toasts are hidden and why, and which settings the policy locks', async () => {
    const bridge = installFakeBridge()
    bridge.handlers['desktop.status'] = () => ({
      ok: true,
      result: status({
        toasts: { hidden: true, reason: 'GNOME do not disturb is on', detectable: true, guidance: [] },
      }),
    })
    bridge.handlers['settings.get'] = () => ({
      ok: true,
      result: { policy: { ...NO_POLICY, file: '/etc/chat-tray/policy.json', locked: ['hub.url'] } },
    })
    render(<DesktopBanner />)
    expect(await screen.findByText(/Toasts are hidden: GNOME do not disturb is on/)).toBeTruthy()
    expect(await screen.findByText(/Locked by your organisation's policy: hub.url/)).toBeTruthy()
  })
})

import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../shared/protocol'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const person = (name: string) => ({ name, email: null, company: null, phone: null })

function demoSnapshot(over: Partial<Snapshot> = {}): Snapshot {
  const s = snapshot(over)
  s.settings.app.demo = true
  return s
}

describe('demo banner', () => {
  beforeEach(resetStores)

  it('is absent on real data', async () => {
    installFakeBridge(snapshot({ chats: [makeChat({ customer: person('Rita') })] }))
    render(<App />)
    await screen.findByText('Rita')
    expect(screen.queryByRole('region', { name: 'Demo data' })).toBeNull()
  })

  it('marks demo mode from the settings, before any chat arrives', async () => {
    installFakeBridge(demoSnapshot())
    render(<App />)
    const banner = await screen.findByRole('region', { name: 'Demo data' })
    expect(within(banner).getByText('Demo data')).toBeTruthy()
    expect(within(banner).getByText(/All chats here are simulated/)).toBeTruthy()
  })

  it('marks demo chats even when the settings say nothing', async () => {
    installFakeBridge(snapshot({ chats: [makeChat({ customer: person('Dee'), demo: true })] }))
    render(<App />)
    expect(await screen.findByRole('region', { name: 'Demo data' })).toBeTruthy()
  })

  it('leaves demo through settings.update and hides once main reports the real runtime', async () => {
    const s = demoSnapshot({ chats: [makeChat({ customer: person('Dee'), demo: true })] })
    const bridge = installFakeBridge(s)
    const real = snapshot({ chats: [makeChat({ sourceId: 'real', customer: person('Rita') })] })
    bridge.handlers['settings.update'] = () => ({ ok: true, result: { settings: real.settings } })
    render(<App />)
    const banner = await screen.findByRole('region', { name: 'Demo data' })
    await userEvent.setup().click(within(banner).getByRole('button', { name: 'Leave demo' }))
    expect(bridge.calls.find((c) => c.name === 'settings.update')?.params).toEqual({ patch: { app: { demo: false } } })
    // Main swaps runtimes and announces `ready`: the panel forgets the demo and loads the real snapshot.
    bridge.handlers['snapshot.get'] = () => ({ ok: true, result: real })
    bridge.push({ type: 'ready', listen: null, version: 't', sources: [], demo: false, pid: 1 })
    expect(await screen.findByText('Rita')).toBeTruthy()
    expect(screen.queryByText('Dee')).toBeNull()
    expect(screen.queryByRole('region', { name: 'Demo data' })).toBeNull()
  })

  it('says why leaving failed and stays', async () => {
    const bridge = installFakeBridge(demoSnapshot())
    bridge.handlers['settings.update'] = () => ({ ok: false, error: { code: 'internal', message: 'store locked' } })
    render(<App />)
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Leave demo' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Could not leave demo: store locked')
    expect(screen.getByRole('region', { name: 'Demo data' })).toBeTruthy()
  })

  it('shows "Leaving…" while the switch is in flight', async () => {
    const bridge = installFakeBridge(demoSnapshot())
    bridge.handlers['settings.update'] = () => new Promise(() => {})
    render(<App />)
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Leave demo' }))
    await waitFor(() => expect(screen.getByRole('button', { name: 'Leaving…' })).toHaveProperty('disabled', true))
  })

  it('drops the previous runtime alerts on ready', async () => {
    const alert = {
      id: 'demo-a',
      kind: 'new' as const,
      chatKeys: ['deskdirector:1'],
      title: 'New chat: Dee',
      body: '',
      urgency: 'normal' as const,
      actions: [],
      sound: null,
      at: Date.now(),
    }
    const bridge = installFakeBridge(demoSnapshot({ alerts: [alert] }))
    render(<App />)
    await screen.findByRole('region', { name: 'Demo data' })
    bridge.handlers['snapshot.get'] = () => ({ ok: true, result: snapshot() })
    bridge.handlers['alerts.list'] = () => ({ ok: true, result: { alerts: [], unseen: 0 } })
    bridge.push({ type: 'ready', listen: null, version: 't', sources: [], demo: false, pid: 1 })
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Demo data' })).toBeNull())
    await userEvent.setup().click(screen.getByRole('button', { name: 'Alerts' }))
    expect(await screen.findByText('No alerts yet.')).toBeTruthy()
  })
})

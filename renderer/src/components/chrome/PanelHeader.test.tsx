import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../App'
import { timeOfDay as clock } from '../../lib/time-format'
import { useUi } from '../../stores/ui-store'
import { type FakeBridge, installFakeBridge, snapshot } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'

function open(configure: (bridge: FakeBridge) => void = () => {}, dndUntil: number | null = null) {
  const bridge = installFakeBridge(snapshot({ dndUntil }))
  bridge.handlers['dnd.set'] = (p) => ({ ok: true, result: { until: p.until as number | null } })
  configure(bridge)
  render(<App />)
  return { bridge, user: userEvent.setup() }
}

describe('header: do-not-disturb pill', () => {
  beforeEach(resetStores)

  it('offers durations (30 minutes to tomorrow) and shows until when', async () => {
    const { bridge, user } = open()
    const pill = await screen.findByRole('button', { name: 'DND (do not disturb)' })
    expect(pill.getAttribute('aria-pressed')).toBe('false')
    const before = Date.now()
    await user.click(pill)
    const menu = screen.getByRole('menu', { name: 'Do not disturb' })
    expect(screen.getAllByRole('menuitem').map((m) => m.textContent?.split(' — ')[0])).toEqual([
      '30 minutes',
      '1 hour',
      '2 hours',
      'Until tomorrow',
    ])
    expect(document.activeElement?.textContent).toMatch(/^30 minutes/)
    await user.keyboard('{ArrowDown}{Enter}')
    expect(menu.isConnected).toBe(false)
    const until = bridge.calls.find((c) => c.name === 'dnd.set')?.params.until as number
    expect(until - before).toBeGreaterThanOrEqual(60 * 60_000)
    expect(until - before).toBeLessThan(61 * 60_000)
    const on = await screen.findByRole('button', { name: `DND until ${clock(until)} (do not disturb)` })
    expect(on.getAttribute('aria-pressed')).toBe('true')
    expect(on.textContent).toBe(`DND until ${clock(until)}`)
  })

  it('turns an active do-not-disturb off', async () => {
    const until = Date.now() + 30 * 60_000
    const { bridge, user } = open(() => {}, until)
    bridge.handlers['snapshot.get'] = () => ({ ok: true, result: snapshot({ dndUntil: null }) })
    await user.click(await screen.findByRole('button', { name: `DND until ${clock(until)} (do not disturb)` }))
    await user.click(screen.getByRole('menuitem', { name: 'Off' }))
    expect(bridge.calls.find((c) => c.name === 'dnd.set')?.params).toEqual({ until: null })
    expect((await screen.findByRole('button', { name: 'DND (do not disturb)' })).getAttribute('aria-pressed')).toBe(
      'false',
    )
  })

  it('says when alerts stay held by the shift schedule after turning the manual DND off', async () => {
    const manual = Date.now() + 30 * 60_000
    const shiftStarts = Date.now() + 5 * 3_600_000
    const { user, bridge } = open(() => {}, manual)
    bridge.handlers['snapshot.get'] = () => ({ ok: true, result: snapshot({ dndUntil: shiftStarts }) })
    await user.click(await screen.findByRole('button', { name: `DND until ${clock(manual)} (do not disturb)` }))
    await user.click(screen.getByRole('menuitem', { name: 'Off' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      `You are off shift: alerts stay held until ${clock(shiftStarts)}`,
    )
    expect(screen.getByRole('button', { name: `DND until ${clock(shiftStarts)} (do not disturb)` })).toBeTruthy()
  })

  it('says in words when do-not-disturb could not be changed', async () => {
    const { user } = open((b) => {
      b.handlers['dnd.set'] = () => ({ ok: false, error: { code: 'internal', message: 'state dir is read-only' } })
    })
    await user.click(await screen.findByRole('button', { name: 'DND (do not disturb)' }))
    await user.click(screen.getByRole('menuitem', { name: /^1 hour/ }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Do not disturb could not be changed: state dir is read-only',
    )
    expect(screen.getByRole('button', { name: 'DND (do not disturb)' }).getAttribute('aria-pressed')).toBe('false')
  })

  it('picks up a do-not-disturb set from the tray when the panel regains focus', async () => {
    const until = Date.now() + 45 * 60_000
    const { bridge } = open()
    await screen.findByRole('button', { name: 'DND (do not disturb)' })
    bridge.handlers['snapshot.get'] = () => ({ ok: true, result: snapshot({ dndUntil: until }) })
    act(() => {
      window.dispatchEvent(new Event('focus'))
    })
    expect(await screen.findByRole('button', { name: `DND until ${clock(until)} (do not disturb)` })).toBeTruthy()
  })
})

describe('header: refresh and pin', () => {
  beforeEach(resetStores)

  it('refreshes every source and is busy meanwhile', async () => {
    let finish: () => void = () => {}
    const { bridge, user } = open((b) => {
      b.handlers['sources.refresh'] = () =>
        new Promise((resolve) => {
          finish = () => resolve({ ok: true, result: { refreshed: ['helpcrunch'] } })
        })
    })
    await user.click(await screen.findByRole('button', { name: 'Refresh all sources' }))
    expect(bridge.calls.find((c) => c.name === 'sources.refresh')?.params).toEqual({})
    const busy = screen.getByRole('button', { name: 'Refreshing…' })
    expect(busy.getAttribute('aria-disabled')).toBe('true')
    await user.click(busy)
    expect(bridge.calls.filter((c) => c.name === 'sources.refresh')).toHaveLength(1)
    act(() => finish())
    expect(
      (await screen.findByRole('button', { name: 'Refresh all sources' })).getAttribute('aria-disabled'),
    ).toBeNull()
  })

  it('shows a failed refresh', async () => {
    const { user } = open((b) => {
      b.handlers['sources.refresh'] = () => ({ ok: false, error: { code: 'offline', message: 'no network' } })
    })
    await user.click(await screen.findByRole('button', { name: 'Refresh all sources' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Refresh failed: no network')
  })

  it('has no pin button when the host cannot pin', async () => {
    open((b) => {
      b.handlers['panel.pin'] = () => ({ ok: false, error: { code: 'unsupported', message: 'needs the desktop app' } })
    })
    await screen.findByRole('button', { name: 'Refresh all sources' })
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Keep panel open' })).toBeNull())
  })

  it('pins and unpins the panel where the host supports it', async () => {
    let pinned = false
    const { user } = open((b) => {
      b.handlers['panel.pin'] = (p) => {
        if (typeof p.pinned === 'boolean') pinned = p.pinned
        return { ok: true, result: { pinned } }
      }
    })
    const pin = await screen.findByRole('button', { name: 'Keep panel open' })
    expect(pin.getAttribute('aria-pressed')).toBe('false')
    await user.click(pin)
    expect(pinned).toBe(true)
    await waitFor(() => expect(pin.getAttribute('aria-pressed')).toBe('true'))
  })
})

describe('scroll position per view', () => {
  beforeEach(resetStores)

  it('comes back from Settings to where the list was, and Settings keeps its own position', async () => {
    const { user } = open()
    const body = (await screen.findByRole('main')) as HTMLElement
    body.scrollTop = 900
    body.dispatchEvent(new Event('scroll'))
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    expect(body.scrollTop).toBe(0)
    body.scrollTop = 300
    body.dispatchEvent(new Event('scroll'))
    await user.click(screen.getByRole('button', { name: 'Chats' }))
    expect(body.scrollTop).toBe(900)
    act(() => useUi.getState().setView('settings'))
    expect(body.scrollTop).toBe(300)
  })
})

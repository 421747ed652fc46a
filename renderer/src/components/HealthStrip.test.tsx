import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SourceSetup, SourceStatus } from '../../../shared/protocol'
import { App } from '../App'
import { useClock } from '../stores/ui-store'
import { type FakeBridge, installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const NOW = 1_800_000_000_000

/** What each source's adapter stamps on its statuses (the identity files of the desks and the hub client). */
const SETUPS: Record<string, SourceSetup> = {
  helpcrunch: {
    receives: 'connection',
    credential: { path: 'helpcrunch.apiKey', noun: 'API key' },
    me: 'helpcrunch.agentId',
    signing: 'helpcrunch.signingKey',
  },
  deskdirector: {
    receives: 'webhooks',
    credential: { path: 'deskdirector.secrets' },
    me: 'deskdirector.userId',
    signing: 'deskdirector.secrets',
  },
  hub: { receives: 'connection', credential: { path: 'hub.token' } },
}

const status = (source: string, state: SourceStatus['state'], over: Partial<SourceStatus> = {}): SourceStatus => ({
  source,
  state,
  setup: SETUPS[source],
  message: null,
  warnings: [],
  lastOkAt: null,
  at: NOW,
  ...over,
})

function open(sources: SourceStatus[], configure: (bridge: FakeBridge) => void = () => {}) {
  const bridge = installFakeBridge(snapshot({ sources }))
  configure(bridge)
  render(<App />)
  // The ticker set the real time; pin it for the relative words.
  act(() => useClock.getState().tick(NOW))
  return { bridge, user: userEvent.setup() }
}

const line = async (source: RegExp) => {
  const strip = await screen.findByRole('region', { name: 'Source health' })
  const item = within(strip)
    .getAllByRole('listitem')
    .find((li) => source.test(li.textContent ?? ''))
  if (!item) throw new Error(`no health line for ${source}`)
  return item
}

describe('source health strip', () => {
  beforeEach(resetStores)

  it('sits in its own landmark and says an unreachable source in words, with the raw detail as a tooltip', async () => {
    open([
      status('helpcrunch', 'offline', {
        message: 'POST /chats/search: fetch failed',
        warnings: ['no HelpCrunch agent chosen'],
        lastOkAt: NOW - 4 * 60_000,
        retryAt: NOW + 12_000,
      }),
    ])
    const item = await line(/HelpCrunch/)
    expect(item.textContent).toContain('HelpCrunch unreachable — retrying in 12s · synced 4 min ago')
    expect(item.textContent).not.toContain('POST')
    // A failing source's line is about the failure; its configuration warnings wait.
    expect(item.textContent).not.toContain('warning')
    expect(item.querySelector('[title]')?.getAttribute('title')).toBe('POST /chats/search: fetch failed')
  })

  it('retries an unreachable source on its own and reports a failed retry', async () => {
    const { bridge, user } = open([status('helpcrunch', 'offline', { lastOkAt: NOW - 60_000 })], (b) => {
      b.handlers['sources.refresh'] = () => ({ ok: false, error: { code: 'offline', message: 'still no network' } })
    })
    await user.click(within(await line(/HelpCrunch/)).getByRole('button', { name: 'Retry' }))
    expect(bridge.calls.find((c) => c.name === 'sources.refresh')?.params).toEqual({ source: 'helpcrunch' })
    expect((await screen.findByRole('alert')).textContent).toBe('Retry failed: still no network')
  })

  it('shows rate limiting with the time until it clears, counting down, and no Retry', async () => {
    open([status('helpcrunch', 'rate-limited', { retryAt: NOW + 90_000, lastOkAt: NOW - 30_000 })])
    const item = await line(/HelpCrunch/)
    expect(item.textContent).toContain('HelpCrunch is limiting requests — clears in 1m 30s · synced just now')
    act(() => useClock.getState().tick(NOW + 60_000))
    expect(item.textContent).toContain('clears in 30s')
    expect(within(item).queryByRole('button', { name: 'Retry' })).toBeNull()
  })

  it('follows pushed status changes: ok shows when it last synced', async () => {
    const { bridge } = open([status('deskdirector', 'polling'), status('helpcrunch', 'polling')])
    expect((await line(/HelpCrunch/)).textContent).toContain('HelpCrunch: syncing… · never synced')
    bridge.push({ type: 'source.status', status: status('deskdirector', 'ok', { lastOkAt: NOW - 3 * 3_600_000 }) })
    expect((await line(/DeskDirector/)).textContent).toContain('DeskDirector: listening · last delivery 3 h ago')
    bridge.push({ type: 'source.status', status: status('helpcrunch', 'ok', { lastOkAt: NOW - 20_000 }) })
    expect((await line(/HelpCrunch/)).textContent).toContain('HelpCrunch: connected · synced just now')
  })

  it('"Fix in settings" opens Settings on the field that fixes it, focused', async () => {
    const { user } = open([status('helpcrunch', 'auth-failed', { message: 'API key rejected' })])
    const item = await line(/HelpCrunch/)
    expect(item.textContent).toContain('HelpCrunch rejected the API key')
    await user.click(within(item).getByRole('button', { name: 'Fix in settings' }))
    expect(await screen.findByRole('form', { name: 'Settings' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByLabelText(/^API key/))
  })

  it('a team hub that refused the token sends "Fix in settings" to the Team hub token', async () => {
    const { user } = open([status('hub', 'auth-failed', { message: 'the team hub refused this token' })])
    const item = await line(/hub/)
    expect(item.textContent).toContain('sign-in failed')
    await user.click(within(item).getByRole('button', { name: 'Fix in settings' }))
    expect(await screen.findByRole('form', { name: 'Settings' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByLabelText(/^Token/))
  })

  it('offers "Set up" for a source that is not configured, landing on its secrets', async () => {
    const { user } = open([status('deskdirector', 'disabled')])
    const item = await line(/DeskDirector/)
    expect(item.textContent).toContain('DeskDirector: not set up')
    expect(item.textContent).not.toContain('synced')
    await user.click(within(item).getByRole('button', { name: 'Set up' }))
    expect(document.activeElement).toBe(await screen.findByLabelText(/^DeskDirector webhook secrets/))
  })

  it('counts configuration warnings, with the details as a tooltip and the field that fixes them', async () => {
    const warning = 'no HelpCrunch agent chosen: "assign to me" and "mine" alerts are unavailable'
    const { user } = open([status('helpcrunch', 'ok', { lastOkAt: NOW, warnings: [warning] })])
    const item = await line(/HelpCrunch/)
    expect(within(item).getByText('1 warning').getAttribute('title')).toBe(warning)
    await user.click(within(item).getByRole('button', { name: 'Choose yourself' }))
    expect(document.activeElement).toBe(await screen.findByLabelText('My agent id'))
  })
})

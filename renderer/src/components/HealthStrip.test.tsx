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

  it('takes no space while every source is well (a source not set up is not a failure)', async () => {
    open([status('helpcrunch', 'ok', { lastOkAt: NOW }), status('deskdirector', 'disabled')])
    await screen.findByRole('heading', { name: 'All quiet' })
    expect(screen.queryByRole('region', { name: 'Source health' })).toBeNull()
  })

  it('is a bar saying chats may be missing while a source is unreachable, in words, without HTTP internals', async () => {
    open([
      status('helpcrunch', 'offline', {
        message: 'POST /chats/search: fetch failed',
        warnings: ['no HelpCrunch agent chosen'],
        lastOkAt: NOW - 4 * 60_000,
        retryAt: NOW + 12_000,
      }),
    ])
    const item = await line(/HelpCrunch/)
    expect(item.className).toContain('health-warn')
    expect(item.querySelector('strong')?.textContent).toBe('HelpCrunch chats may be missing')
    expect(item.textContent).toContain('— unreachable — retrying in 12s · synced 4 min ago')
    // A failing source's line is about the failure; its configuration warnings wait.
    expect(item.textContent).not.toContain('agent')
    expect(item.textContent).not.toContain('fetch failed')
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
    expect(item.textContent).toContain(
      'HelpCrunch chats may be missing — the help desk is limiting requests — clears in 1m 30s · synced just now',
    )
    act(() => useClock.getState().tick(NOW + 60_000))
    expect(item.textContent).toContain('clears in 30s')
    expect(within(item).queryByRole('button', { name: 'Retry' })).toBeNull()
  })

  it('goes away when the source recovers', async () => {
    const { bridge } = open([status('helpcrunch', 'offline', { lastOkAt: NOW - 60_000 })])
    await line(/HelpCrunch/)
    bridge.push({ type: 'source.status', status: status('helpcrunch', 'ok', { lastOkAt: NOW }) })
    expect(screen.queryByRole('region', { name: 'Source health' })).toBeNull()
  })

  it('a rejected key is red, and Fix opens Settings on the field that fixes it, focused', async () => {
    const { user } = open([status('helpcrunch', 'auth-failed', { message: 'API key rejected' })])
    const item = await line(/HelpCrunch/)
    expect(item.className).toContain('health-danger')
    expect(item.textContent).toContain('HelpCrunch chats may be missing — API key rejected')
    await user.click(within(item).getByRole('button', { name: 'Fix' }))
    expect(await screen.findByRole('form', { name: 'Settings' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByLabelText(/^API key/))
  })

  it('a team hub that refused the token sends Fix to the Team hub token', async () => {
    const { user } = open([status('hub', 'auth-failed', { message: 'the team hub refused this token' })])
    const item = await line(/hub/)
    expect(item.textContent).toContain('sign-in rejected')
    await user.click(within(item).getByRole('button', { name: 'Fix' }))
    expect(await screen.findByRole('form', { name: 'Settings' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByLabelText(/^Token/))
  })

  it('says each configuration warning in words (no tooltip), with the field that fixes it', async () => {
    const warning = 'no HelpCrunch agent chosen: "assign to me" and "mine" alerts are unavailable'
    const { user } = open([status('helpcrunch', 'ok', { lastOkAt: NOW, warnings: [warning] })])
    const item = await line(/HelpCrunch/)
    expect(item.textContent).toContain(`HelpCrunch: ${warning}`)
    expect(item.querySelector('[title]')).toBeNull()
    await user.click(within(item).getByRole('button', { name: 'Choose yourself' }))
    expect(document.activeElement).toBe(await screen.findByLabelText('My agent id'))
  })
})

import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SourceStatus } from '../../../shared/protocol'
import { App } from '../App'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const status = (source: string, state: SourceStatus['state'], message: string | null = null): SourceStatus => ({
  source,
  state,
  message,
  warnings: [],
  lastOkAt: null,
  at: 0,
})

describe('source health strip', () => {
  beforeEach(resetStores)

  it('shows each source state and links fixable ones to settings', async () => {
    const bridge = installFakeBridge(
      snapshot({ sources: [status('helpcrunch', 'auth-failed', 'API key rejected'), status('deskdirector', 'ok')] }),
    )
    render(<App />)
    const strip = await screen.findByRole('list', { name: 'Source health' })
    expect(strip.textContent).toContain('HelpCrunch: Sign-in failed — API key rejected')
    expect(strip.textContent).toContain('DeskDirector: OK')
    bridge.push({ type: 'source.status', status: status('deskdirector', 'rate-limited', 'retry in 30 s') })
    expect(strip.textContent).toContain('DeskDirector: Rate limited — retry in 30 s')
    expect(screen.getAllByRole('button', { name: 'Fix in settings' })).toHaveLength(1)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Fix in settings' }))
    expect(await screen.findByRole('form', { name: 'Settings' })).toBeTruthy()
  })
})

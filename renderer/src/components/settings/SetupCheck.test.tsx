import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CheckResult } from '../../../../shared/protocol'
import { App } from '../../App'
import { useUi } from '../../stores/ui-store'
import { type FakeBridge, installFakeBridge, snapshot } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'
import { summary } from './SetupCheck'

const CHECKS: CheckResult[] = [
  {
    id: 'helpcrunch.key',
    status: 'fail',
    message: 'HelpCrunch rejected the API key',
    fix: 'Create a new key and enter it in Settings → HelpCrunch (headless: --helpcrunch-key or HELPCRUNCH_API_KEY)',
  },
  { id: 'listener.bound', status: 'pass', message: 'Listening on http://127.0.0.1:4757' },
  { id: 'clock.skew', status: 'warn', message: 'Clock is 40 s ahead', fix: 'Turn on automatic time' },
  { id: 'deskdirector.secret', status: 'skip', message: 'DeskDirector is not configured' },
]

function open(configure: (bridge: FakeBridge) => void = () => {}) {
  const bridge = installFakeBridge(snapshot())
  configure(bridge)
  useUi.setState({ view: 'settings' })
  render(<App />)
  return { bridge, user: userEvent.setup() }
}

describe('Check my setup', () => {
  beforeEach(resetStores)

  it('runs setup.check and lists every check with its verdict in words, message and fix', async () => {
    const { bridge, user } = open((b) => {
      b.handlers['setup.check'] = () => ({ ok: true, result: { ok: false, checks: CHECKS } })
    })
    await user.click(await screen.findByRole('button', { name: 'Check my setup' }))
    expect(bridge.calls.some((c) => c.name === 'setup.check')).toBe(true)
    const list = await screen.findByRole('list', { name: 'Setup checks' })
    const items = within(list).getAllByRole('listitem')
    expect(items.map((i) => i.textContent)).toEqual([
      '✗ FailedHelpCrunch rejected the API keyFix: Create a new key and enter it in Settings → HelpCrunchGo to field',
      '✓ PassListening on http://127.0.0.1:4757',
      '! WarningClock is 40 s aheadFix: Turn on automatic time',
      '– SkippedDeskDirector is not configured',
    ])
    expect(items[0]?.className).toContain('check-fail')
    // Scoped to the form: the app's live region for new chats is a status too.
    expect(within(screen.getByRole('form', { name: 'Settings' })).getByRole('status').textContent).toBe(
      '1 of 4 checks failed.',
    )
  })

  it('"Go to field" focuses the field that fixes a failed check', async () => {
    const { user } = open((b) => {
      b.handlers['setup.check'] = () => ({ ok: true, result: { ok: false, checks: CHECKS } })
    })
    await user.click(await screen.findByRole('button', { name: 'Check my setup' }))
    await user.click(await screen.findByRole('button', { name: 'Go to API key' }))
    expect(document.activeElement).toBe(screen.getByLabelText(/^API key/))
    // The clock warning has no setting to go to; passes and skips need none.
    expect(screen.getAllByRole('button', { name: /^Go to/ })).toHaveLength(1)
  })

  it('disables the button while the checks run', async () => {
    const { bridge, user } = open((b) => {
      b.handlers['setup.check'] = () => new Promise(() => {})
    })
    await user.click(await screen.findByRole('button', { name: 'Check my setup' }))
    const running = screen.getByRole('button', { name: 'Checking…' })
    expect(running.getAttribute('aria-disabled')).toBe('true')
    await user.click(running)
    expect(bridge.calls.filter((c) => c.name === 'setup.check')).toHaveLength(1)
  })

  it('says when the check itself could not run', async () => {
    const { user } = open((b) => {
      b.handlers['setup.check'] = () => ({
        ok: false,
        error: { code: 'unsupported', message: 'setup.check needs a started runtime' },
      })
    })
    await user.click(await screen.findByRole('button', { name: 'Check my setup' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The check could not run: setup.check needs a started runtime',
    )
  })

  it('summarises passes, warnings and failures in one sentence', () => {
    const pass: CheckResult = { id: 'a', status: 'pass', message: '' }
    expect(summary([pass, { ...pass, status: 'skip' }])).toBe('All checks passed.')
    expect(summary([pass, { ...pass, status: 'warn' }])).toBe('No failures; 1 warning.')
    expect(summary(CHECKS)).toBe('1 of 4 checks failed.')
  })
})

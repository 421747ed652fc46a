import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { NO_POLICY } from '../../../shared/policy'
import { mergeSettings, type Settings, type SettingsPatch } from '../../../shared/settings'
import { App } from '../App'
import { useUi } from '../stores/ui-store'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

function setup() {
  const s = snapshot()
  const bridge = installFakeBridge(s)
  let current: Settings = s.settings
  bridge.handlers['settings.update'] = (p) => {
    const patch = p.patch as SettingsPatch
    if (patch.helpcrunch?.pollSeconds !== undefined && patch.helpcrunch.pollSeconds < 5)
      return { ok: false, error: { code: 'invalid_params', message: 'settings: "helpcrunch.pollSeconds": too small' } }
    current = mergeSettings(current, patch) as Settings
    return { ok: true, result: { settings: current } }
  }
  useUi.setState({ view: 'settings' })
  render(<App />)
  return { bridge, user: userEvent.setup() }
}

describe('settings view', () => {
  beforeEach(resetStores)

  it('shows what the machine policy locks as locked, and leaves the rest editable', async () => {
    const s = snapshot()
    const bridge = installFakeBridge(s)
    bridge.handlers['settings.get'] = () => ({
      ok: true,
      result: {
        settings: s.settings,
        policy: {
          ...NO_POLICY,
          file: '/etc/chat-tray/policy.json',
          locked: ['alerts.privacy', 'listener.*', 'alerts.shifts'],
        },
      },
    })
    useUi.setState({ view: 'settings' })
    render(<App />)
    const privacy = (await screen.findByLabelText(/^Privacy mode/)) as HTMLInputElement
    await waitFor(() => expect(privacy.disabled).toBe(true))
    expect(privacy.closest('.field')?.textContent).toContain("Locked by your organisation's policy.")
    expect((screen.getByLabelText(/^Port/) as HTMLInputElement).disabled).toBe(true)
    expect((screen.getByLabelText(/^Host/) as HTMLInputElement).disabled).toBe(true)
    expect((screen.getByRole('group', { name: 'Shift schedule' }) as HTMLFieldSetElement).disabled).toBe(true)
    const stillWaiting = screen.getByLabelText(/^Still waiting after/) as HTMLInputElement
    expect(stillWaiting.disabled).toBe(false)
    expect(stillWaiting.closest('.field')?.textContent).not.toContain('Locked')
  })

  it('sends a secret write-only and never shows it again', async () => {
    const { bridge, user } = setup()
    bridge.handlers['secrets.set'] = () => ({ ok: true, result: { name: 'helpcrunch.apiKey', configured: true } })
    const field = (await screen.findByLabelText(/^API key/)) as HTMLInputElement
    expect(field.type).toBe('password')
    await user.type(field, 'sekret-123')
    await user.click(screen.getAllByRole('button', { name: 'Save' })[0] as HTMLElement)
    expect(bridge.calls.find((c) => c.name === 'secrets.set')).toEqual({
      name: 'secrets.set',
      params: { name: 'helpcrunch.apiKey', value: 'sekret-123' },
    })
    expect(field.value).toBe('')
    expect(screen.getByText('(saved)')).toBeTruthy()
  })

  it('announces a refused "who am I" choice as an alert', async () => {
    const s = snapshot()
    const bridge = installFakeBridge(s)
    bridge.handlers['secrets.status'] = () => ({
      ok: true,
      result: {
        configured: { 'helpcrunch.apiKey': true, 'helpcrunch.signingKey': false, 'deskdirector.secrets': false },
      },
    })
    bridge.handlers['agents.list'] = () => ({
      ok: true,
      result: { agents: [{ id: '4188', name: 'Ana', email: null }] },
    })
    bridge.handlers['settings.update'] = () => ({
      ok: false,
      error: { code: 'invalid_params', message: 'agent refused' },
    })
    useUi.setState({ view: 'settings' })
    render(<App />)
    await userEvent.setup().selectOptions(await screen.findByLabelText('I am'), '4188')
    expect((await screen.findByRole('alert')).textContent).toBe('agent refused')
  })

  it('tests the connection and shows the answer', async () => {
    const { bridge, user } = setup()
    bridge.handlers['connection.test'] = () => ({ ok: true, result: { ok: false, message: 'API key rejected' } })
    await user.click(await screen.findByRole('button', { name: 'Test connection' }))
    // Scoped to the form: the app's live region for new chats is a status too.
    const form = screen.getByRole('form', { name: 'Settings' })
    expect((await within(form).findByRole('status')).textContent).toBe('API key rejected')
  })

  it('saves a field on blur, and shows the field error when main refuses it', async () => {
    const { bridge, user } = setup()
    const poll = (await screen.findByLabelText('Poll every (seconds)')) as HTMLInputElement
    await user.clear(poll)
    await user.type(poll, '30{Enter}')
    expect(bridge.calls.at(-1)).toEqual({
      name: 'settings.update',
      params: { patch: { helpcrunch: { pollSeconds: 30 } } },
    })
    await user.clear(poll)
    await user.type(poll, '1{Enter}')
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Poll every must be a whole number from 5 to 3600 seconds. Not saved: 30 seconds still applies.',
    )
    expect(poll.value).toBe('1')
    expect(poll.getAttribute('aria-invalid')).toBe('true')
  })

  it("puts the agent's own sections first and folds the connections; an error names a control that exists", async () => {
    const { bridge, user } = setup()
    await screen.findByRole('form', { name: 'Settings' })
    const legends = [...document.querySelectorAll('legend')].map((l) => l.textContent)
    expect(legends.slice(0, 2)).toEqual(['Alerts', 'Do not disturb'])
    expect(legends.indexOf('HelpCrunch')).toBeGreaterThan(legends.indexOf('App'))
    const admin = document.getElementById('section-admin') as HTMLDetailsElement
    bridge.handlers['settings.update'] = () => ({
      ok: false,
      error: {
        code: 'invalid_params',
        message:
          'settings: "listener.host": "0.0.0.0" is reachable from other machines: set listener.allowRemote to true to bind it',
      },
    })
    await user.click(
      within(document.querySelector('.settings-nav') as HTMLElement).getByRole('button', { name: 'Webhooks' }),
    )
    expect(admin.open).toBe(true)
    const host = screen.getByLabelText('Host') as HTMLInputElement
    await user.clear(host)
    await user.type(host, '0.0.0.0{Enter}')
    expect((await screen.findByRole('alert')).textContent).toContain(
      'turn on “Let other machines reach the listener” first',
    )
    expect(screen.getByLabelText('Let other machines reach the listener')).toBeTruthy()
    expect(host.value).toBe('0.0.0.0')
  })

  it('shows the exact webhook URLs for the listener and toggles settings', async () => {
    const { bridge, user } = setup()
    expect(await screen.findByText('http://127.0.0.1:4757/webhooks/deskdirector')).toBeTruthy()
    expect(screen.getByText('http://127.0.0.1:4757/webhooks/helpcrunch')).toBeTruthy()
    await user.click(screen.getByLabelText('Privacy mode'))
    expect(bridge.calls.at(-1)?.params).toEqual({ patch: { alerts: { privacy: true } } })
    await user.selectOptions(screen.getByLabelText('Theme'), 'dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
  })

  it('offers the team hub (address and write-only token) in its own section, reached from the section bar', async () => {
    const { bridge, user } = setup()
    const nav = await screen.findByRole('navigation', { name: 'Settings sections' })
    await user.click(within(nav).getByRole('button', { name: 'Team hub' }))
    expect(document.activeElement?.id).toBe('section-hub')
    const section = document.activeElement as HTMLElement
    await user.type(within(section).getByLabelText('Hub address'), 'https://hub.example.com{Enter}')
    await waitFor(() =>
      expect(bridge.calls.at(-1)?.params).toEqual({ patch: { hub: { url: 'https://hub.example.com' } } }),
    )
  })

  it('turns do-not-disturb on for 30 minutes', async () => {
    const { bridge, user } = setup()
    bridge.handlers['dnd.set'] = (p) => ({ ok: true, result: { until: p.until as number } })
    await user.click(await screen.findByRole('button', { name: '30 min' }))
    expect(bridge.calls.at(-1)?.name).toBe('dnd.set')
    expect(await screen.findByText(/^On until/)).toBeTruthy()
  })

  it('switches demo data on from the App section, marks it, and asks for the secrets of the new runtime', async () => {
    const { bridge, user } = setup()
    await user.click(await screen.findByLabelText('Show demo data'))
    expect(bridge.calls.find((c) => c.name === 'settings.update')?.params).toEqual({ patch: { app: { demo: true } } })
    expect(await screen.findByText(/You are looking at demo data/)).toBeTruthy()
    expect(bridge.calls.filter((c) => c.name === 'secrets.status')).toHaveLength(2)
  })

  it('says the API key was removed when a new API address made main clear it', async () => {
    const s = snapshot()
    const bridge = installFakeBridge(s)
    let keyStored = true
    bridge.handlers['secrets.status'] = () => ({
      ok: true,
      result: {
        configured: { 'helpcrunch.apiKey': keyStored, 'helpcrunch.signingKey': false, 'deskdirector.secrets': false },
      },
    })
    bridge.handlers['settings.update'] = (p) => {
      // Main's rule: another origin for the API clears the stored key (it is not sent to a new server).
      keyStored = false
      return {
        ok: true,
        result: {
          settings: mergeSettings(s.settings, p.patch as SettingsPatch) as Settings,
          clearedSecrets: ['helpcrunch.apiKey'],
        },
      }
    }
    useUi.setState({ view: 'settings' })
    render(<App />)
    const user = userEvent.setup()
    const key = (await screen.findByLabelText(/^API key/)) as HTMLInputElement
    await waitFor(() => expect(screen.getByText('(saved)')).toBeTruthy())
    const address = screen.getByLabelText('API address') as HTMLInputElement
    await user.clear(address)
    await user.type(address, 'https://helpcrunch.example.org/v1{Enter}')
    const removed = await screen.findByText(/so the key was removed\. Enter the key for the new address\.$/)
    expect(removed.getAttribute('role')).toBe('status')
    expect(bridge.calls.filter((c) => c.name === 'secrets.status')).toHaveLength(2)
    expect(screen.getByText('(not set)', { selector: `label[for="${key.id}"] span` })).toBeTruthy()
    expect(key.placeholder).toBe('Not set')
    // A new key saved in the field ends the notice.
    bridge.handlers['secrets.set'] = () => ({ ok: true, result: { name: 'helpcrunch.apiKey', configured: true } })
    await user.type(key, 'new-key-for-new-server')
    await user.click(screen.getAllByRole('button', { name: 'Save' })[0] as HTMLElement)
    await waitFor(() => expect(screen.queryByText(/so the key was removed/)).toBeNull())
  })

  it('offers the Team hub section in the navigation; its token is saved write-only as hub.token', async () => {
    const { bridge, user } = setup()
    bridge.handlers['secrets.set'] = () => ({ ok: true, result: { name: 'hub.token', configured: true } })
    const nav = await screen.findByRole('navigation', { name: 'Settings sections' })
    await user.click(within(nav).getByRole('button', { name: 'Team hub' }))
    const section = document.activeElement as HTMLElement
    expect(section.id).toBe('section-hub')
    expect(within(section).getByText('Team hub', { selector: 'legend' })).toBeTruthy()
    await user.type(within(section).getByLabelText('Hub address'), 'https://hub.example.com{Enter}')
    expect(bridge.calls.filter((c) => c.name === 'settings.update').at(-1)?.params).toEqual({
      patch: { hub: { url: 'https://hub.example.com' } },
    })
    const token = within(section).getByLabelText(/^Token/) as HTMLInputElement
    await user.type(token, 'tok-0123456789abcdef')
    await user.click(within(section).getByRole('button', { name: 'Save' }))
    expect(bridge.calls.find((c) => c.name === 'secrets.set')?.params).toEqual({
      name: 'hub.token',
      value: 'tok-0123456789abcdef',
    })
    expect(token.value).toBe('')
  })
})

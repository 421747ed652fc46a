import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { mergeSettings, type Settings, type SettingsPatch } from '../../../../shared/settings'
import { App } from '../../App'
import { useUi } from '../../stores/ui-store'
import { installFakeBridge, snapshot } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'

function open(refuse: (patch: SettingsPatch) => string | null = () => null) {
  const s = snapshot()
  const bridge = installFakeBridge(s)
  let current: Settings = s.settings
  bridge.handlers['settings.update'] = (p) => {
    const patch = p.patch as SettingsPatch
    const message = refuse(patch)
    if (message) return { ok: false, error: { code: 'invalid_params', message } }
    current = mergeSettings(current, patch) as Settings
    return { ok: true, result: { settings: current } }
  }
  useUi.setState({ view: 'settings' })
  render(<App />)
  return { bridge, user: userEvent.setup() }
}

const field = (label: string) => screen.getByLabelText(label).closest('.field') as HTMLElement

describe('settings fields', () => {
  beforeEach(resetStores)

  it('number inputs carry the allowed range', async () => {
    open()
    const poll = await screen.findByLabelText('Poll every (seconds)')
    expect([poll.getAttribute('min'), poll.getAttribute('max')]).toEqual(['5', '3600'])
    const volume = screen.getByLabelText('Volume (%)')
    expect([volume.getAttribute('min'), volume.getAttribute('max')]).toEqual(['0', '100'])
    const port = screen.getByLabelText('Port')
    expect([port.getAttribute('min'), port.getAttribute('max')]).toEqual(['0', '65535'])
  })

  it('says "Saved" after an auto-save, and nothing before', async () => {
    const { user } = open()
    const repeat = (await screen.findByLabelText('Repeat every (seconds)')) as HTMLInputElement
    expect(within(field('Repeat every (seconds)')).queryByText('Saved')).toBeNull()
    await user.clear(repeat)
    await user.type(repeat, '300{Enter}')
    expect(within(field('Repeat every (seconds)')).getByRole('status').textContent).toBe('Saved')
  })

  it('refuses an out-of-range number before saving, keeping what was typed with the reason', async () => {
    const { bridge, user } = open()
    const volume = (await screen.findByLabelText('Volume (%)')) as HTMLInputElement
    await user.clear(volume)
    await user.type(volume, '250{Enter}')
    expect(bridge.calls.some((c) => c.name === 'settings.update')).toBe(false)
    expect(within(field('Volume (%)')).getByRole('alert').textContent).toBe(
      'Volume must be a whole number from 0 to 100%. Not saved: 60% still applies.',
    )
    expect(volume.value).toBe('250')
    expect(volume.getAttribute('aria-invalid')).toBe('true')
  })

  it('a value main refuses stays in the field as typed, marked invalid, with the reason in words', async () => {
    const { user } = open((patch) =>
      patch.deskdirector?.baseUrl !== undefined ? 'settings: "deskdirector.baseUrl": Invalid URL' : null,
    )
    const site = (await screen.findByLabelText('Site address')) as HTMLInputElement
    await user.type(site, 'acme{Enter}')
    expect(within(field('Site address')).getByRole('alert').textContent).toBe(
      'Site address must be a web address such as https://acme.deskdirector.com.',
    )
    expect(site.value).toBe('acme')
    expect(site.getAttribute('aria-invalid')).toBe('true')
  })

  it('masks the DeskDirector secrets while typed, and shows them on request', async () => {
    const { user } = open()
    const secrets = (await screen.findByLabelText(/^DeskDirector webhook secrets/)) as HTMLTextAreaElement
    await user.type(secrets, 'first-secret')
    expect(secrets.className).toContain('masked')
    await user.click(screen.getByRole('button', { name: /^Show DeskDirector webhook secrets/ }))
    expect(secrets.className).not.toContain('masked')
  })

  it('section navigation moves focus to the section', async () => {
    const { user } = open()
    const nav = await screen.findByRole('navigation', { name: 'Settings sections' })
    await user.click(within(nav).getByRole('button', { name: 'Sound' }))
    expect(document.activeElement?.id).toBe('section-sound')
    expect(within(document.activeElement as HTMLElement).getByText('Sound', { selector: 'legend' })).toBeTruthy()
  })
})

import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { mergeSettings, type Settings, type SettingsPatch } from '../../../../shared/settings'
import { App } from '../../App'
import { useUi } from '../../stores/ui-store'
import { type FakeBridge, installFakeBridge, snapshot } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'

/** A host whose OS registers every shortcut except the ones in `taken`. */
function open(taken: string[] | 'no-desktop' = []) {
  const s = snapshot()
  const bridge: FakeBridge = installFakeBridge(s)
  let current: Settings = s.settings
  let active: string | null = current.app.globalShortcut
  bridge.handlers['settings.update'] = (p) => {
    current = mergeSettings(current, p.patch as SettingsPatch) as Settings
    const wanted = current.app.globalShortcut
    if (taken === 'no-desktop' || wanted === null || !taken.includes(wanted)) active = wanted
    return { ok: true, result: { settings: current } }
  }
  bridge.handlers['shortcut.status'] = () =>
    taken === 'no-desktop'
      ? { ok: false, error: { code: 'unsupported', message: 'shortcut.status needs the desktop app' } }
      : { ok: true, result: { requested: current.app.globalShortcut, active } }
  useUi.setState({ view: 'settings' })
  render(<App />)
  return { settings: () => current, user: userEvent.setup() }
}

describe('global shortcut recorder', () => {
  beforeEach(resetStores)

  it('records a key press, saves it, and says the OS registered it', async () => {
    const { settings, user } = open()
    expect(await screen.findByText('Ctrl+Shift+Y')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Record new shortcut' }))
    expect(screen.getByRole('button', { name: 'Press the new shortcut… (Esc cancels)' })).toBeTruthy()
    await user.keyboard('{Control>}{Alt>}k{/Alt}{/Control}')
    expect(settings().app.globalShortcut).toBe('CommandOrControl+Alt+K')
    expect((await screen.findByText('Saved: Ctrl+Alt+K opens the panel.')).getAttribute('role')).toBe('status')
    expect(screen.getByText('Ctrl+Alt+K')).toBeTruthy()
  })

  it('refuses a combination without Ctrl or Alt and keeps recording', async () => {
    const { settings, user } = open()
    await user.click(await screen.findByRole('button', { name: 'Record new shortcut' }))
    await user.keyboard('{Shift>}b{/Shift}')
    expect((await screen.findByRole('alert')).textContent).toContain('Add Ctrl or Alt')
    expect(settings().app.globalShortcut).toBe('CommandOrControl+Shift+Y')
    expect(screen.getByRole('button', { name: /Press the new shortcut/ })).toBeTruthy()
  })

  it('reports a shortcut the OS refused and puts settings back to the one still active', async () => {
    const { settings, user } = open(['CommandOrControl+Alt+K'])
    await user.click(await screen.findByRole('button', { name: 'Record new shortcut' }))
    await user.keyboard('{Control>}{Alt>}k{/Alt}{/Control}')
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The system refused Ctrl+Alt+K (another app may use it). Ctrl+Shift+Y still opens the panel.',
    )
    expect(settings().app.globalShortcut).toBe('CommandOrControl+Shift+Y')
    expect(screen.getByText('Ctrl+Shift+Y')).toBeTruthy()
  })

  it('says so when this host cannot register shortcuts, and Esc cancels a recording', async () => {
    const { settings, user } = open('no-desktop')
    await user.click(await screen.findByRole('button', { name: 'Record new shortcut' }))
    await user.keyboard('{Escape}')
    expect(screen.getByRole('button', { name: 'Record new shortcut' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Record new shortcut' }))
    await user.keyboard('{Control>}{Alt>}j{/Alt}{/Control}')
    expect(settings().app.globalShortcut).toBe('CommandOrControl+Alt+J')
    expect((await screen.findByText(/This window cannot register shortcuts/)).getAttribute('role')).toBe('status')
  })
})

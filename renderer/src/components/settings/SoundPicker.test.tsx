import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mergeSettings, type Settings, type SettingsPatch } from '../../../../shared/settings'
import { App } from '../../App'
import { useUi } from '../../stores/ui-store'
import { installFakeBridge, snapshot } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'

const played: { src: string; volume: number }[] = []
class FakeAudio {
  volume = 1
  constructor(readonly src: string) {}
  play() {
    played.push({ src: this.src, volume: this.volume })
    return Promise.resolve()
  }
}

function open(sounds: Settings['alerts']['sounds'] = {}) {
  const s = snapshot()
  s.settings.alerts.sounds = sounds
  s.settings.sound.volume = 40
  const bridge = installFakeBridge(s)
  let current: Settings = s.settings
  bridge.handlers['settings.update'] = (p) => {
    current = mergeSettings(current, p.patch as SettingsPatch) as Settings
    return { ok: true, result: { settings: current } }
  }
  useUi.setState({ view: 'settings' })
  render(<App />)
  return { settings: () => current, user: userEvent.setup() }
}

describe('sound per alert kind', () => {
  beforeEach(() => {
    resetStores()
    played.length = 0
    vi.stubGlobal('Audio', FakeAudio)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows each kind with the sound it plays by default', async () => {
    open()
    const group = await screen.findByRole('group', { name: 'Sound per alert' })
    expect((within(group).getByLabelText('Missed chat') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      'Default (Alarm)',
    )
    expect(within(group).getAllByRole('combobox')).toHaveLength(7)
  })

  it('saves a chosen sound, silence, and back to default, keeping the other kinds', async () => {
    const { settings, user } = open({ callback: 'default' })
    const group = await screen.findByRole('group', { name: 'Sound per alert' })
    const select = within(group).getByLabelText('New chat')
    await user.selectOptions(select, 'Ring')
    expect(settings().alerts.sounds).toEqual({ callback: 'default', new: 'callback' })
    await user.selectOptions(select, 'Silent')
    expect(settings().alerts.sounds).toEqual({ callback: 'default', new: null })
    await user.selectOptions(select, 'Default (Ping)')
    expect(settings().alerts.sounds).toEqual({ callback: 'default' })
    expect(screen.getByRole('button', { name: 'Play New chat sound' })).toHaveProperty('disabled', false)
  })

  it('previews the chosen sound at the configured volume; a silent kind has nothing to preview', async () => {
    const { user } = open({ 'snooze-ended': 'missed', summary: null })
    await user.click(await screen.findByRole('button', { name: 'Play Snooze ended sound' }))
    expect(played).toEqual([{ src: './sounds/missed.wav', volume: 0.4 }])
    expect(screen.getByRole('button', { name: /^Play Summary/ })).toHaveProperty('disabled', true)
  })
})

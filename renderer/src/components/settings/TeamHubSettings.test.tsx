import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { SECRET_NAMES } from '../../../../shared/settings'
import { installFakeBridge, snapshot } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'
import { TeamHubSettings } from './TeamHubSettings'

const none = Object.fromEntries(SECRET_NAMES.map((n) => [n, false])) as Record<(typeof SECRET_NAMES)[number], boolean>

describe('Settings → Team hub', () => {
  beforeEach(resetStores)

  it('saves the hub address, clears it to null, and stores the token write-only', async () => {
    const s = snapshot()
    const bridge = installFakeBridge(s)
    bridge.handlers['settings.update'] = () => ({ ok: true, result: { settings: s.settings } })
    bridge.handlers['secrets.set'] = () => ({ ok: true, result: { name: 'hub.token', configured: true } })
    const onSecretChanged = vi.fn()
    const user = userEvent.setup()
    const { rerender } = render(
      <TeamHubSettings settings={s.settings} secrets={none} onSecretChanged={onSecretChanged} />,
    )
    expect(screen.getByText(/Working alone/)).toBeTruthy()
    await user.type(screen.getByLabelText('Hub address'), 'https://hub.example.com{Enter}')
    expect(bridge.calls.find((c) => c.name === 'settings.update')?.params).toEqual({
      patch: { hub: { url: 'https://hub.example.com' } },
    })
    const token = screen.getByLabelText(/^Token/) as HTMLInputElement
    expect(token.type).toBe('password')
    await user.type(token, 'tok-0123456789abcdef')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(bridge.calls.find((c) => c.name === 'secrets.set')?.params).toEqual({
      name: 'hub.token',
      value: 'tok-0123456789abcdef',
    })
    expect(onSecretChanged).toHaveBeenCalledWith('hub.token', true)

    const following = { ...s.settings, hub: { url: 'https://hub.example.com' } }
    rerender(
      <TeamHubSettings
        settings={following}
        secrets={{ ...none, 'hub.token': true }}
        onSecretChanged={onSecretChanged}
      />,
    )
    expect(screen.getByText(/follows the team hub/)).toBeTruthy()
    await user.clear(screen.getByLabelText('Hub address'))
    await user.tab()
    expect(bridge.calls.filter((c) => c.name === 'settings.update').at(-1)?.params).toEqual({
      patch: { hub: { url: null } },
    })
  })
})

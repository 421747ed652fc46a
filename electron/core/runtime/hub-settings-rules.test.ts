import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { memoryRuntime } from '../../../tests/helpers/runtime'

const TOKEN = 'hub-token-0123456789abcdef'

const runtimeWithToken = () => memoryRuntime(defaultSettings(), { 'hub.token': TOKEN })

describe('team hub settings rules', () => {
  it('hub.url is https (loopback http allowed); a different hub origin clears hub.token, the same keeps it', async () => {
    const { secrets, dispatch } = runtimeWithToken()
    expect(await dispatch('settings.update', { patch: { hub: { url: 'http://hub.example.com' } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    })
    expect(await dispatch('settings.update', { patch: { hub: { url: 'https://hub.example.com' } } })).toMatchObject({
      ok: true,
    })
    expect(secrets.get('hub.token')).toBe(TOKEN) // from "no hub" to a hub: the token was entered for it
    await dispatch('settings.update', { patch: { hub: { url: 'https://hub.example.com/team' } } })
    expect(secrets.get('hub.token')).toBe(TOKEN)
    const moved = await dispatch('settings.update', { patch: { hub: { url: 'https://other.example.com' } } })
    expect(moved).toMatchObject({ ok: true, result: { clearedSecrets: ['hub.token'] } })
    expect(secrets.get('hub.token')).toBeNull()
  })

  it('hub.token is one token: spaces are refused', async () => {
    const { dispatch } = runtimeWithToken()
    expect(await dispatch('secrets.set', { name: 'hub.token', value: 'two words' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    })
    expect(await dispatch('secrets.set', { name: 'hub.token', value: TOKEN })).toMatchObject({ ok: true })
  })
})

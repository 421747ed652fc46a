import { describe, expect, it } from 'vitest'
import { apiUrlProblem } from '../../../shared/api-url'
import { defaultSettings } from '../../../shared/settings'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import { parseOptions } from '../../hosts/headless/options'

const KEY = 'hc_rules_key_0123456789'

const runtimeWithKey = () =>
  memoryRuntime(defaultSettings(), { 'helpcrunch.apiKey': KEY, 'helpcrunch.signingKey': 'sign-0123456789' })

describe('helpcrunch.apiUrl rules', () => {
  it.each(['http://api.helpcrunch.com/v1', 'http://10.0.0.5/v1', 'http://127.0.0.1.evil.example/v1'])(
    'settings.update refuses plain http to a non-loopback host: %s',
    async (apiUrl) => {
      const { dispatch, secrets } = runtimeWithKey()
      const result = await dispatch('settings.update', { patch: { helpcrunch: { apiUrl } } })
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_params',
          message: expect.stringMatching(
            /^settings: "helpcrunch\.apiUrl": must use https: \(plain http: is allowed only for a loopback host/,
          ),
        },
      })
      expect(secrets.get('helpcrunch.apiKey')).toBe(KEY)
    },
  )

  it.each(['http://127.0.0.1:4000/v1', 'http://localhost:4000/v1', 'http://[::1]:4000/v1', 'https://hc.example/v1'])(
    'accepts https and loopback http: %s',
    (url) => expect(apiUrlProblem(url)).toBeNull(),
  )

  it('a new API origin clears the stored key (and says so); the same origin keeps it', async () => {
    const { dispatch, secrets } = runtimeWithKey()
    const samePath = await dispatch('settings.update', {
      patch: { helpcrunch: { apiUrl: 'https://api.helpcrunch.com/v2' } },
    })
    expect(samePath).toMatchObject({ ok: true, result: { settings: expect.any(Object) } })
    expect((samePath as { result: object }).result).not.toHaveProperty('clearedSecrets')
    expect(secrets.get('helpcrunch.apiKey')).toBe(KEY)
    const moved = await dispatch('settings.update', {
      patch: { helpcrunch: { apiUrl: 'https://hc-proxy.example/v1' } },
    })
    expect(moved).toMatchObject({ ok: true, result: { clearedSecrets: ['helpcrunch.apiKey'] } })
    expect(secrets.get('helpcrunch.apiKey')).toBeNull()
    // The webhook signing key is not sent to the API, so it stays.
    expect(secrets.get('helpcrunch.signingKey')).toBe('sign-0123456789')
  })

  it('the headless --helpcrunch-url flag follows the same rule', () => {
    expect(() => parseOptions(['--helpcrunch-url', 'http://hc.example/v1'], {})).toThrow(
      '--helpcrunch-url: must use https: (plain http: is allowed only for a loopback host such as 127.0.0.1, not "hc.example")',
    )
    expect(parseOptions(['--helpcrunch-url', 'http://127.0.0.1:9/v1'], {}).helpcrunchUrl).toBe('http://127.0.0.1:9/v1')
  })
})

describe('secrets.set refuses weak secrets', () => {
  it.each([
    ['helpcrunch.apiKey', '', 'secrets.set: "helpcrunch.apiKey" is empty; send null to remove it'],
    ['helpcrunch.apiKey', '   \n', 'secrets.set: "helpcrunch.apiKey" is only whitespace; send null to remove it'],
    [
      'helpcrunch.signingKey',
      ' abc def ',
      'secrets.set: "helpcrunch.signingKey" contains spaces or line breaks (copy the key exactly, without them); send null to remove it',
    ],
    [
      'deskdirector.secrets',
      ' ,\n, ',
      'secrets.set: "deskdirector.secrets" contains no secret, only separators; send null to remove it',
    ],
  ])('%s = %j', async (name, value, message) => {
    const { dispatch, secrets } = runtimeWithKey()
    expect(await dispatch('secrets.set', { name, value })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message },
    })
    if (name === 'helpcrunch.apiKey') expect(secrets.get('helpcrunch.apiKey')).toBe(KEY)
  })

  it('a real value or null (remove) is accepted; a list of secrets may span lines', async () => {
    const { dispatch, secrets } = runtimeWithKey()
    expect(await dispatch('secrets.set', { name: 'deskdirector.secrets', value: 'one\ntwo' })).toMatchObject({
      ok: true,
    })
    expect(await dispatch('secrets.set', { name: 'helpcrunch.apiKey', value: null })).toMatchObject({
      ok: true,
      result: { configured: false },
    })
    expect(secrets.get('deskdirector.secrets')).toBe('one\ntwo')
  })
})

import { describe, expect, it } from 'vitest'
import { OptionsError, parseOptions } from './options'

describe('headless listener options', () => {
  it('refuses a listen host beyond loopback without --allow-remote', () => {
    expect(() => parseOptions(['--listen', '0.0.0.0:4757'], {})).toThrow(OptionsError)
    expect(() => parseOptions(['--listen', '0.0.0.0:4757'], {})).toThrow(/--allow-remote/)
    expect(parseOptions(['--listen', '0.0.0.0:4757', '--allow-remote'], {})).toMatchObject({
      listenHost: '0.0.0.0',
      allowRemote: true,
    })
    expect(parseOptions([], { CHAT_TRAY_LISTEN: '0.0.0.0:1', CHAT_TRAY_ALLOW_REMOTE: '1' }).allowRemote).toBe(true)
  })

  it('takes public host names from flags or the environment', () => {
    expect(parseOptions(['--public-host', 'a.example', '--public-host', 'b.example'], {}).publicHosts).toEqual([
      'a.example',
      'b.example',
    ])
    expect(parseOptions([], { CHAT_TRAY_PUBLIC_HOSTS: 'x.trycloudflare.com, y.ngrok-free.app' }).publicHosts).toEqual([
      'x.trycloudflare.com',
      'y.ngrok-free.app',
    ])
    expect(() => parseOptions(['--public-host', 'http://x'], {})).toThrow(/not a host name/)
    const names = Array.from({ length: 21 }, (_, i) => `h${i}.example`)
    expect(parseOptions([], { CHAT_TRAY_PUBLIC_HOSTS: names.slice(0, 20).join(',') }).publicHosts).toHaveLength(20)
    expect(() => parseOptions([], { CHAT_TRAY_PUBLIC_HOSTS: names.join(',') })).toThrow(/at most 20 names/)
  })

  it('refuses weak secrets from flags and variables like secrets.set does, naming the flag', () => {
    expect(() => parseOptions(['--helpcrunch-key', '   '], {})).toThrow(
      /--helpcrunch-key: the value is only whitespace/,
    )
    expect(() => parseOptions([], { HELPCRUNCH_API_KEY: 'abc def' })).toThrow(/--helpcrunch-key: .*spaces/)
    expect(() => parseOptions(['--helpcrunch-signing-key', 'a b'], {})).toThrow(/--helpcrunch-signing-key/)
    expect(() => parseOptions(['--hub', 'https://hub.example', '--hub-token', 'tok en'], {})).toThrow(/--hub-token/)
    expect(parseOptions(['--helpcrunch-key', 'hc-key-0001'], {}).helpcrunchKey).toBe('hc-key-0001')
    // An empty variable means "not set", as for every other variable.
    expect(parseOptions([], { HELPCRUNCH_API_KEY: '' }).helpcrunchKey).toBeNull()
  })

  it('takes the HelpCrunch subdomain for Open links, as a label or the full host', () => {
    expect(parseOptions(['--helpcrunch-domain', 'acme'], {}).helpcrunchDomain).toBe('acme')
    expect(parseOptions([], { HELPCRUNCH_DOMAIN: 'Acme.helpcrunch.com' }).helpcrunchDomain).toBe('acme')
    expect(parseOptions([], {}).helpcrunchDomain).toBeNull()
    expect(() => parseOptions(['--helpcrunch-domain', 'acme.com/x'], {})).toThrow(
      /--helpcrunch-domain: expected the subdomain/,
    )
  })

  it('--record DIR goes with --check only', () => {
    expect(parseOptions(['--check', '--record', '/tmp/r'], {}).record).toBe('/tmp/r')
    expect(parseOptions(['--check'], { CHAT_TRAY_RECORD_DIR: '/tmp/e' }).record).toBe('/tmp/e')
    expect(() => parseOptions(['--record', '/tmp/r'], {})).toThrow(/--record: only with --check/)
  })
})

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
})

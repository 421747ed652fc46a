import { describe, expect, it } from 'vitest'
import { OptionsError, parseOptions } from './options'

describe('hub flags of the headless host', () => {
  it('serves as the hub with --hub-tokens or CHAT_TRAY_HUB_TOKENS_FILE, and needs one of them', () => {
    expect(parseOptions(['--hub-tokens', '/etc/hub/tokens.json'], {}, true).hub).toEqual({
      tokensFile: '/etc/hub/tokens.json',
      heartbeatMs: 15_000,
      maxBufferBytes: 1024 * 1024,
      replayEvents: 10_000,
      maxConnections: 10_000,
      maxStreams: 9_000,
      streamsPerToken: 4,
      catchUpMs: 60_000,
      commandsPerMinute: 20,
      commandConcurrency: 4,
      authFailuresPerMinute: 10,
      presenceStaleMs: 110_000,
    })
    expect(parseOptions([], { CHAT_TRAY_HUB_TOKENS_FILE: '/t.json' }, true).hub?.tokensFile).toBe('/t.json')
    expect(() => parseOptions([], {}, true)).toThrow(/--hub-tokens/)
    expect(parseOptions(['--help'], {}, true).help).toBe(true)
    expect(() => parseOptions(['--hub-tokens', '/t.json'], { CHAT_TRAY_HUB_HEARTBEAT_MS: '20000' }, true)).toThrow(
      /CHAT_TRAY_HUB_HEARTBEAT_MS/,
    )
    expect(() => parseOptions(['--hub-tokens', '/t.json'], {}, false)).toThrow(/npm run hub/)
  })

  it('keeps a tenth of the connections (at least 8) from streams, for webhooks and commands', () => {
    const hub = (env: Record<string, string>) => parseOptions(['--hub-tokens', '/t.json'], env, true).hub
    expect(hub({ CHAT_TRAY_HUB_MAX_CONNECTIONS: '32' })).toMatchObject({ maxConnections: 32, maxStreams: 24 })
    expect(hub({ CHAT_TRAY_HUB_MAX_CONNECTIONS: '500', CHAT_TRAY_HUB_MAX_STREAMS: '100' })?.maxStreams).toBe(100)
    // Streams may never take the webhooks' connections.
    expect(() => hub({ CHAT_TRAY_HUB_MAX_CONNECTIONS: '500', CHAT_TRAY_HUB_MAX_STREAMS: '451' })).toThrow(
      /CHAT_TRAY_HUB_MAX_STREAMS: expected a whole number from 1 to 450/,
    )
    expect(() => hub({ CHAT_TRAY_HUB_CATCHUP_MS: '0' })).toThrow(/CHAT_TRAY_HUB_CATCHUP_MS/)
    expect(hub({ CHAT_TRAY_HUB_PRESENCE_STALE_MS: '2000' })?.presenceStaleMs).toBe(2000)
    expect(() => hub({ CHAT_TRAY_HUB_PRESENCE_STALE_MS: '999' })).toThrow(
      /CHAT_TRAY_HUB_PRESENCE_STALE_MS: expected a whole number from 1000 to 3600000/,
    )
  })

  it('follows a hub with --hub and --hub-token (or their variables), https unless loopback', () => {
    const client = parseOptions(['--hub', 'https://hub.example.com/', '--hub-token', 'tok-0123456789abcdef'], {})
    expect(client.hubClient).toMatchObject({ url: 'https://hub.example.com', token: 'tok-0123456789abcdef' })
    expect(client.hub).toBeNull()
    const fromEnv = parseOptions([], { CHAT_TRAY_HUB_URL: 'http://127.0.0.1:4757', CHAT_TRAY_HUB_TOKEN: 'tok' })
    expect(fromEnv.hubClient?.url).toBe('http://127.0.0.1:4757')
    expect(() => parseOptions(['--hub', 'http://hub.example.com'], { CHAT_TRAY_HUB_TOKEN: 't' })).toThrow(/https/)
    expect(() => parseOptions(['--hub', 'https://hub.example.com'], {})).toThrow(/--hub-token/)
    expect(() => parseOptions(['--hub-token', 'tok'], {})).toThrow(OptionsError)
    expect(() => parseOptions(['--hub', 'https://u:p@hub.example.com', '--hub-token', 't'], {})).toThrow(/user name/)
    expect(parseOptions([], {}).hubClient).toBeNull()
  })
})

import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { type Logger, silentLogger } from '../../core/engine/log'
import { clientAddress, createAuthThrottle } from './auth-throttle'

function throttle(log: Logger = silentLogger) {
  let clock = 5_000_000
  const t = createAuthThrottle({ failuresPerMinute: 10, log, now: () => clock })
  return { t, advance: (ms: number) => (clock += ms) }
}

describe('bad-token throttle per address', () => {
  it('lets an address fail a few times, then refuses its attempts until its budget refills', () => {
    const { t, advance } = throttle()
    let answered401 = 0
    for (let i = 0; i < 200; i++) {
      if (t.blockedFor('203.0.113.9') > 0) continue
      t.failed('203.0.113.9')
      answered401++
    }
    expect(answered401).toBe(10)
    expect(t.blockedFor('203.0.113.9')).toBe(6_000)
    expect(t.blockedFor('198.51.100.7')).toBe(0) // another address is not affected
    advance(6_000)
    expect(t.blockedFor('203.0.113.9')).toBe(0)
    expect(t.health()).toEqual({ failures: 10, throttled: 191, addressesThrottled: 0 })
  })

  it('logs the address once per episode and never the token', () => {
    const lines: string[] = []
    const record = (message: string, fields?: Record<string, unknown>) =>
      lines.push(`${message} ${JSON.stringify(fields)}`)
    const { t } = throttle({ ...silentLogger, info: record, warn: record })
    for (let i = 0; i < 30; i++) if (t.blockedFor('203.0.113.9') === 0) t.failed('203.0.113.9')
    expect(lines.filter((l) => l.startsWith('hub: too many bad tokens'))).toHaveLength(1)
    expect(lines.every((l) => l.includes('203.0.113.9'))).toBe(true)
  })

  it("names the client by the socket's peer, or by X-Forwarded-For's last entry when the peer is a local proxy", () => {
    const request = (peer: string, forwarded?: string) =>
      ({
        socket: { remoteAddress: peer },
        headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
      }) as unknown as IncomingMessage
    expect(clientAddress(request('127.0.0.1', '10.0.0.1, 203.0.113.9'))).toBe('203.0.113.9')
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7')
    // A client that reaches the hub directly cannot choose its address with a header.
    expect(clientAddress(request('203.0.113.9', '127.0.0.1'))).toBe('203.0.113.9')
    expect(clientAddress(request('127.0.0.1'))).toBe('127.0.0.1')
  })
})

import { describe, expect, it } from 'vitest'
import { hostOfHeader, isLoopbackHost } from './loopback'
import { parseSettings } from './settings'

describe('loopback hosts', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST.', 'app.localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  )
  it.each(['0.0.0.0', '::', '192.168.1.5', 'example.com', '127.0.0.1.evil.com', 'localhost.evil.com.'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  )
  it('reads the host of a Host header', () => {
    expect(hostOfHeader('Example.com:4757')).toBe('example.com')
    expect(hostOfHeader('[::1]:80')).toBe('[::1]')
    expect(hostOfHeader('a b')).toBeNull()
  })
})

describe('listener.allowRemote', () => {
  it('is needed to bind beyond loopback', () => {
    const refused = parseSettings({ listener: { host: '0.0.0.0' } })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]).toMatchObject({ path: ['listener', 'host'], message: /listener\.allowRemote/ })
    expect(parseSettings({ listener: { host: '0.0.0.0', allowRemote: true } }).success).toBe(true)
    expect(parseSettings({ listener: { host: '127.0.0.1' } }).success).toBe(true)
  })
})

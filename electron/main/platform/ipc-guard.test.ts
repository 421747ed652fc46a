import { describe, expect, it } from 'vitest'
import { checkRequest, checkSender } from './ipc-guard'

const trusted = { webContentsId: 7, url: 'file:///app/out/renderer/index.html' }

describe('IPC sender check', () => {
  it('accepts the panel page, with any hash', () =>
    expect(checkSender({ senderId: 7, frameUrl: 'file:///app/out/renderer/index.html#settings' }, trusted)).toBeNull())
  it('refuses another webContents', () =>
    expect(checkSender({ senderId: 8, frameUrl: trusted.url }, trusted)?.message).toBe('unknown sender'))
  it.each([null, 'https://evil.example/', 'file:///tmp/other.html'])('refuses frame %s', (frameUrl) =>
    expect(checkSender({ senderId: 7, frameUrl }, trusted)?.code).toBe('bad_command'),
  )
})

describe('IPC request shape', () => {
  it('accepts a known command with params or none', () => {
    expect(checkRequest(['chat.open', { key: 'a:b' }])).toEqual({ ok: true, name: 'chat.open', params: { key: 'a:b' } })
    expect(checkRequest(['snapshot.get'])).toEqual({ ok: true, name: 'snapshot.get', params: {} })
  })
  it.each([
    [[]],
    [['shell.exec', {}]],
    [[42, {}]],
    [['chat.open', 'a:b']],
    [['chat.open', ['a:b']]],
    [['chat.open', {}, 'extra']],
  ])('refuses %j', (args) => {
    const result = checkRequest(args)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('bad_command')
  })
})

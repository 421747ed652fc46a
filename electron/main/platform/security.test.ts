import { describe, expect, it, vi } from 'vitest'
import { hardenContents } from './security'

describe('hardenContents', () => {
  it('denies every permission request except clipboard writes, and every new window', () => {
    type Handler = (c: unknown, permission: string, callback: (ok: boolean) => void) => void
    const got: { handler?: Handler; opener?: () => { action: string } } = {}
    const contents = {
      setWindowOpenHandler: (fn: () => { action: string }) => (got.opener = fn),
      on: vi.fn(),
      session: { setPermissionRequestHandler: (fn: Handler) => (got.handler = fn) },
    }
    hardenContents(contents as never, 'file:///index.html')
    const answer = (permission: string) => {
      const result: { granted?: boolean } = {}
      got.handler?.(contents, permission, (ok) => (result.granted = ok))
      return result.granted
    }
    expect(answer('clipboard-sanitized-write')).toBe(true)
    for (const denied of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal'])
      expect(answer(denied)).toBe(false)
    expect(got.opener?.()).toEqual({ action: 'deny' })
  })
})

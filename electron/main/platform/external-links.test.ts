import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { allowedExternalHref, isAllowedExternalUrl } from './external-links'

const settings = defaultSettings()
settings.deskdirector.baseUrl = 'https://acme.deskdirector.com'

describe('openExternal allowlist', () => {
  it('allows https links on the help-desk hosts', () => {
    expect(isAllowedExternalUrl('https://acme.helpcrunch.com/inbox/chats/1', settings)).toBe(true)
    expect(isAllowedExternalUrl('https://acme.deskdirector.com/chat/9', settings)).toBe(true)
  })
  it.each([
    'http://acme.helpcrunch.com/inbox/chats/1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://evil.com/?x=.helpcrunch.com',
    'https://a.b.helpcrunch.com/',
    'https://helpcrunch.com/',
    'https://helpcrunch.com.evil.com/',
    'https://acme.helpcrunch.com:8443/inbox/chats/1',
    'https://other.deskdirector.com/',
    'https://acme.deskdirector.com:444/chat/9',
    'https://user:pw@acme.helpcrunch.com/',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url, settings)).toBe(false))

  it('the link template does not widen the allowlist: https://{domain}.com/{id} does not allow *.com', () => {
    const wide = defaultSettings()
    wide.helpcrunch.webUrlTemplate = 'https://{domain}.com/{id}'
    expect(isAllowedExternalUrl('https://evil.com/1', wide)).toBe(false)
    const custom = defaultSettings()
    custom.helpcrunch.webUrlTemplate = 'https://desk.example.org/{domain}/chats/{id}'
    expect(isAllowedExternalUrl('https://desk.example.org/acme/chats/1', custom)).toBe(false)
    expect(isAllowedExternalUrl('https://acme.helpcrunch.com/inbox/chats/1', custom)).toBe(true)
  })

  it('DeskDirector links are pinned to the configured origin; none configured allows none', () => {
    expect(isAllowedExternalUrl('https://acme.deskdirector.com/chat/9', defaultSettings())).toBe(false)
    const onPort = defaultSettings()
    onPort.deskdirector.baseUrl = 'https://desk.example.org:8443/portal'
    expect(isAllowedExternalUrl('https://desk.example.org:8443/chat/9', onPort)).toBe(true)
    expect(isAllowedExternalUrl('https://desk.example.org/chat/9', onPort)).toBe(false)
  })

  it('answers the parsed href, not the raw string', () => {
    expect(allowedExternalHref('https://ACME.helpcrunch.com/inbox/chats/1 ', settings)).toBe(
      'https://acme.helpcrunch.com/inbox/chats/1',
    )
    expect(allowedExternalHref('https://acme.helpcrunch.com/a b"<x>', settings)).toBe(
      'https://acme.helpcrunch.com/a%20b%22%3Cx%3E',
    )
    expect(allowedExternalHref('https://evil.com/', settings)).toBeNull()
  })
})

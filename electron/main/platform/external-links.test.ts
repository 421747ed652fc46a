import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { allowedHostPatterns, isAllowedExternalUrl } from './external-links'

const settings = defaultSettings()
settings.deskdirector.baseUrl = 'https://acme.deskdirector.com'

describe('openExternal allowlist', () => {
  it('allows https links on the help-desk hosts', () => {
    expect(allowedHostPatterns(settings)).toEqual(['*.helpcrunch.com', 'acme.deskdirector.com'])
    expect(isAllowedExternalUrl('https://acme.helpcrunch.com/inbox/chats/1', settings)).toBe(true)
    expect(isAllowedExternalUrl('https://acme.deskdirector.com/chat/9', settings)).toBe(true)
  })
  it.each([
    'http://acme.helpcrunch.com/inbox/chats/1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://evil.com/?x=.helpcrunch.com',
    'https://a.b.helpcrunch.com/',
    'https://helpcrunch.com.evil.com/',
    'https://other.deskdirector.com/',
    'https://user:pw@acme.helpcrunch.com/',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url, settings)).toBe(false))
  it('follows a custom HelpCrunch template host', () => {
    const custom = defaultSettings()
    custom.helpcrunch.webUrlTemplate = 'https://desk.example.org/{domain}/chats/{id}'
    expect(isAllowedExternalUrl('https://desk.example.org/acme/chats/1', custom)).toBe(true)
    expect(isAllowedExternalUrl('https://acme.helpcrunch.com/inbox/chats/1', custom)).toBe(false)
  })
})

/**
 * Where a help desk's API key may be sent: only over `https:`, except to this machine itself (the fake
 * server, tests), where plain `http:` is allowed.
 */
import { isLoopbackHost } from './loopback'

/** Why `url` may not be an API URL, or null when it may. */
export function apiUrlProblem(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a URL'
  }
  if (parsed.username || parsed.password) return 'must not contain a user name or password'
  if (parsed.protocol === 'https:') return null
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return null
  if (parsed.protocol === 'http:')
    return `must use https: (plain http: is allowed only for a loopback host such as 127.0.0.1, not "${parsed.hostname}")`
  return `must use https:, not ${parsed.protocol}`
}

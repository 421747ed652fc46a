/**
 * The `shell.openExternal` allowlist (DESIGN.md §9): only `https:` URLs on the configured help-desk hosts.
 * Pure, so it is tested without Electron.
 */
import type { Settings } from '../../../shared/settings'

/** Host patterns allowed from the settings; `*` stands for exactly one DNS label. */
export function allowedHostPatterns(settings: Settings): string[] {
  const patterns = new Set<string>()
  const template = settings.helpcrunch.webUrlTemplate.replaceAll('{id}', '1').replaceAll('{domain}', 'x-domain-x')
  const templateHost = hostOf(template)
  if (templateHost) patterns.add(templateHost.replace('x-domain-x', '*'))
  const deskdirector = settings.deskdirector.baseUrl ? hostOf(settings.deskdirector.baseUrl) : null
  if (deskdirector) patterns.add(deskdirector)
  return [...patterns]
}

/** True when `url` may be opened in the user's browser. */
export function isAllowedExternalUrl(url: string, settings: Settings): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false
  return allowedHostPatterns(settings).some((pattern) => hostMatches(parsed.hostname, pattern))
}

function hostMatches(host: string, pattern: string): boolean {
  if (!pattern.includes('*')) return host === pattern
  const [label, ...rest] = host.split('.')
  const [, ...patternRest] = pattern.split('.')
  return !!label && /^[a-z0-9-]+$/.test(label) && rest.join('.') === patternRest.join('.')
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname
  } catch {
    return null
  }
}

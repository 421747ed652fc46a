/**
 * The `shell.openExternal` allowlist: only `https:` URLs of the help desks' agent apps — HelpCrunch links
 * on `<one label>.helpcrunch.com` (docs/helpcrunch.md, "Web links"), DeskDirector links on the configured
 * site's exact origin. The link template does not widen this: a template on another host opens nothing.
 * Pure, so it is tested without Electron.
 */
import type { Settings } from '../../../shared/settings'

const HELPCRUNCH_APP = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.helpcrunch\.com$/

/** The normalised URL to hand to the browser (`URL.href`, never the raw string), or null when not allowed. */
export function allowedExternalHref(url: string, settings: Settings): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null
  const helpcrunch = parsed.port === '' && HELPCRUNCH_APP.test(parsed.hostname)
  const site = deskDirectorOrigin(settings)
  return helpcrunch || (site !== null && parsed.origin === site) ? parsed.href : null
}

/** True when `url` may be opened in the user's browser (open `allowedExternalHref`'s answer, not `url`). */
export function isAllowedExternalUrl(url: string, settings: Settings): boolean {
  return allowedExternalHref(url, settings) !== null
}

function deskDirectorOrigin(settings: Settings): string | null {
  if (!settings.deskdirector.baseUrl) return null
  try {
    const origin = new URL(settings.deskdirector.baseUrl)
    return origin.protocol === 'https:' ? origin.origin : null
  } catch {
    return null
  }
}

/**
 * The `shell.openExternal` allowlist: only `https:` URLs without credentials that a registered source
 * claims as its own agent app (`SourcePlugin.opensLink`: HelpCrunch's and DeskDirector's rules live in their
 * folders' `links.ts`). The link template does not widen this: a template on another host opens nothing.
 * Pure, so it is tested without Electron.
 */
import type { Settings } from '../../../shared/settings'
import { SOURCES } from '../../core/sources/registry'
import type { SourcePlugin } from '../../core/sources/types'

/** The normalised URL to hand to the browser (`URL.href`, never the raw string), or null when not allowed. */
export function allowedExternalHref(
  url: string,
  settings: Settings,
  sources: readonly Pick<SourcePlugin, 'opensLink'>[] = SOURCES,
): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null
  return sources.some((source) => source.opensLink(parsed, settings)) ? parsed.href : null
}

/** True when `url` may be opened in the user's browser (open `allowedExternalHref`'s answer, not `url`). */
export function isAllowedExternalUrl(url: string, settings: Settings): boolean {
  return allowedExternalHref(url, settings) !== null
}

/** Which browser links belong to DeskDirector: the configured site's exact https origin (docs/deskdirector.md). */
import type { Settings } from '../../../../shared/settings'

/** True for a URL on the configured DeskDirector site's origin (none configured: nothing). */
export function isDeskDirectorLink(url: URL, settings: Settings): boolean {
  if (!settings.deskdirector.baseUrl) return false
  try {
    const origin = new URL(settings.deskdirector.baseUrl)
    return origin.protocol === 'https:' && url.origin === origin.origin
  } catch {
    return false
  }
}

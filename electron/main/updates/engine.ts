/**
 * Which electron-updater class updates this install, and how it is pointed at its feed. electron-updater is loaded
 * only here and only when updates are on, so a policy with `updates: off` loads nothing and asks no server.
 * AppImage, NSIS and macOS installs update themselves; any other Linux install (a `.deb`) is only told where the
 * new version is (electron-updater's own deb installer needs a root prompt IT departments do not want).
 */
import type { AppUpdater, Logger as UpdaterLogger } from 'electron-updater'
import type { UpdateChannel } from '../../../shared/policy'
import type { Logger } from '../../core/engine/log'

/** How this install updates: by itself, or by telling the user where to download. */
export type UpdateMode = 'self' | 'notify'

/** The install's update mode, or why it cannot update. */
export function updateMode(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): UpdateMode {
  return platform === 'linux' && !env.APPIMAGE ? 'notify' : 'self'
}

/** Options of `openUpdater`. */
export interface UpdaterSetup {
  mode: UpdateMode
  platform: NodeJS.Platform
  /** The policy's update server (a generic feed), or null for the one built into the installer (app-update.yml). */
  feedUrl: string | null
  log: Logger
}

/** Creates the updater: nothing downloads or installs unless this app says so. */
export async function openUpdater(setup: UpdaterSetup): Promise<AppUpdater> {
  const updaterModule = await import('electron-updater')
  const { AppImageUpdater, DebUpdater, MacUpdater, NsisUpdater } = updaterModule
  let updater: AppUpdater
  if (setup.platform === 'win32') updater = new NsisUpdater()
  else if (setup.platform === 'darwin') updater = new MacUpdater()
  else if (setup.mode === 'self') updater = new AppImageUpdater()
  else updater = new DebUpdater()
  updater.logger = updaterLog(setup.log)
  // Downloads start from `updater.ts` (a refused version is not fetched again on its own).
  updater.autoDownload = false
  updater.autoInstallOnAppQuit = setup.mode === 'self'
  if (setup.feedUrl) updater.setFeedURL({ provider: 'generic', url: setup.feedUrl })
  return updater
}

/** Points the updater at `channel` (`stable` = electron-updater's default `latest` files). Never downgrades. */
export function applyChannel(updater: AppUpdater, channel: UpdateChannel): void {
  const wanted = channel === 'beta' ? 'beta' : null
  if (updater.channel !== wanted) updater.channel = wanted
  // Setting a channel turns on downgrades in electron-updater; an older build is never installed here.
  updater.allowDowngrade = false
}

/** The download link of the newest version for a `.deb` install: the `.deb` file of the release, else the feed. */
export function downloadLink(updater: AppUpdater, fallback: string | null): string | null {
  const found = (updater as unknown as { updateInfoAndProvider?: UpdateInfoAndProvider }).updateInfoAndProvider
  if (!found) return fallback
  const files = found.provider.resolveFiles(found.info)
  const deb = files.find((file) => file.url.pathname.endsWith('.deb')) ?? files[0]
  return deb?.url.href ?? fallback
}

/** electron-updater's record of the last check (not in its public types; covered by the boot test). */
interface UpdateInfoAndProvider {
  info: unknown
  provider: { resolveFiles(info: unknown): { url: URL }[] }
}

function updaterLog(log: Logger): UpdaterLogger {
  const text = (message: unknown) => String(message).slice(0, 500)
  return {
    info: (message) => log.info('updater', { message: text(message) }),
    warn: (message) => log.warn('updater', { message: text(message) }),
    error: (message) => log.warn('updater', { message: text(message) }),
    debug: (message) => log.debug('updater', { message: text(message) }),
  }
}

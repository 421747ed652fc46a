/**
 * The app's updates (docs/updates-and-policy.md): checks at start, every `CHECK_EVERY_MS` and after the machine
 * wakes; downloads in the background; electron-updater verifies the download (sha512, and the publisher's signature
 * on Windows and macOS); then "Restart to update to X" waits for the agent — or for a quiet moment (restart-gate.ts).
 * A failed or refused version is reported and not fetched again on its own (the agent's "Check now" tries again).
 */
import type { AppUpdater } from 'electron-updater'
import type { PolicyStatus, UpdateChannel } from '../../../shared/policy'
import type { UpdateStatus } from '../../../shared/protocol'
import type { Logger } from '../../core/engine/log'
import { applyChannel, downloadLink, openUpdater, updateMode } from './engine'

/** Default time between two checks (gitify #1395: a check only at launch leaves users months behind). */
export const CHECK_EVERY_MS = 4 * 60 * 60_000
/** How often a downloaded update looks for a quiet moment to restart in. */
export const QUIET_CHECK_MS = 10 * 60_000

/** What the updater needs from the desktop. */
export interface UpdaterOptions {
  policy: PolicyStatus
  channel(): UpdateChannel
  version: string
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  packaged: boolean
  log: Logger
  now(): number
  onStatus(status: UpdateStatus): void
  /** Why the app must not restart by itself now (restart-gate.ts), or null. */
  restartBlocker(): string | null
  /**
   * Runs before the new version starts: stop the runtime (journal flushed, listener port free) and let go of the
   * single-instance lock, or the new version would find both taken and quit at once.
   */
  beforeRestart(): Promise<void>
  /** A one-time toast (a `.deb` user is told where the new version is). */
  notice(title: string, body: string): void
  /** Time between checks; default `CHECK_EVERY_MS` (`CHAT_TRAY_UPDATE_CHECK_MS` for tests). */
  everyMs?: number
}

/** The running updater. */
export interface DesktopUpdater {
  status(): UpdateStatus
  /** Checks now (`agent`: also retries a version that failed before). */
  check(reason: 'start' | 'timer' | 'wake' | 'agent'): Promise<UpdateStatus>
  /** Restarts into the downloaded update; `byAgent: false` only at a quiet moment. */
  install(byAgent: boolean): { restarting: boolean; reason: string | null }
  stop(): void
}

/** Creates the updater and starts its timers (the first check is the caller's `check('start')`). */
export function createUpdater(options: UpdaterOptions): DesktopUpdater {
  const { log } = options
  const mode = updateMode(options.platform, options.env)
  let status: UpdateStatus = {
    state: 'idle',
    current: options.version,
    channel: options.channel(),
    version: null,
    downloadUrl: null,
    message: null,
    checkedAt: null,
  }
  const set = (next: Partial<UpdateStatus>) => {
    status = { ...status, ...next }
    options.onStatus(status)
  }
  if (options.policy.updates === 'off')
    status = { ...status, state: 'off', message: "Updates are turned off by your organisation's policy." }
  else if (!options.packaged)
    status = { ...status, state: 'unsupported', message: 'A development build does not update itself.' }
  const active = status.state === 'idle'

  let updater: Promise<AppUpdater> | null = null
  let busy: Promise<UpdateStatus> | null = null
  let failedVersion: string | null = null
  let noticed: string | null = null
  const timers: NodeJS.Timeout[] = []

  const open = () => {
    updater ??= openUpdater({ mode, platform: options.platform, feedUrl: options.policy.updateUrl, log })
    return updater
  }

  const run = async (reason: string): Promise<UpdateStatus> => {
    const current = await open()
    const channel = options.channel()
    applyChannel(current, channel)
    const previous = status.state
    set({ state: 'checking', channel })
    const result = await current.checkForUpdates()
    const checkedAt = options.now()
    const found = result?.isUpdateAvailable ? result.updateInfo.version : null
    if (!found) {
      set({ state: previous === 'ready' ? 'ready' : 'idle', checkedAt, message: null })
      return status
    }
    if (mode === 'notify') {
      set({
        state: 'available',
        version: found,
        checkedAt,
        downloadUrl: downloadLink(current, options.policy.updateUrl),
      })
      set({ message: `Chat Tray ${found} is available: download and install it from ${status.downloadUrl}.` })
      if (noticed !== found) options.notice(`Chat Tray ${found} is available`, status.message ?? '')
      noticed = found
      return status
    }
    const keep = previous === 'ready' && status.version === found ? 'ready' : null
    const refusedBefore = found === failedVersion && reason !== 'agent' ? 'failed' : null
    if (keep ?? refusedBefore) {
      set({ state: keep ?? 'failed', checkedAt })
      return status
    }
    set({ state: 'downloading', version: found, checkedAt, message: null })
    await current.downloadUpdate()
    failedVersion = null
    set({ state: 'ready', message: `Restart Chat Tray to update to ${found}.` })
    return status
  }

  const check = (reason: 'start' | 'timer' | 'wake' | 'agent'): Promise<UpdateStatus> => {
    if (!active) return Promise.resolve(status)
    busy ??= run(reason)
      .catch((error: unknown) => {
        failedVersion = status.state === 'downloading' ? status.version : failedVersion
        const message = failureText(error, status.version)
        log.warn('update failed', { reason, message })
        set({ state: 'failed', message, checkedAt: options.now() })
        return status
      })
      .finally(() => {
        busy = null
      })
    return busy
  }

  const install = (byAgent: boolean) => {
    if (status.state !== 'ready' || !updater) return { restarting: false, reason: 'no update is ready to install' }
    const blocker = byAgent ? null : options.restartBlocker()
    if (blocker) return { restarting: false, reason: blocker }
    log.info('restarting to install an update', { version: status.version, byAgent })
    const installing = updater
    void options
      .beforeRestart()
      .catch((error: unknown) => log.error('could not stop before the update', { error: String(error) }))
      .then(() => installing)
      .then((current) => current.quitAndInstall(true, true))
    return { restarting: true, reason: null }
  }

  if (active) {
    const every = options.everyMs ?? CHECK_EVERY_MS
    timers.push(setInterval(() => void check('timer'), every))
    timers.push(setInterval(() => install(false), Math.min(QUIET_CHECK_MS, every)))
    for (const timer of timers) timer.unref()
  }
  return {
    status: () => status,
    check,
    install,
    stop() {
      for (const timer of timers) clearInterval(timer)
    },
  }
}

/** Plain words for a failed check or download. */
function failureText(error: unknown, version: string | null): string {
  const code = (error as { code?: string }).code
  const what = version ? `the update to ${version}` : 'the update check'
  if (code === 'ERR_CHECKSUM_MISMATCH')
    return `${what} was refused: the download did not match its published sha512 checksum; it was discarded.`
  const detail = String((error as Error).message ?? error)
    .split('\n')[0]
    ?.slice(0, 200)
  if (/ERR_INTERNET_DISCONNECTED|ENOTFOUND|ECONNREFUSED|ERR_CONNECTION/.test(detail ?? ''))
    return `${what} could not reach the update server (${detail}); the next check tries again.`
  return `${what} failed: ${detail}`
}

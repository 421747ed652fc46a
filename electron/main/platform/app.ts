/**
 * The Electron app lifecycle: single-instance lock, Windows AppUserModelId, tray-only start, file logging,
 * the settings and secrets stores, then the runtime supervisor the composition root builds (real or demo
 * runtime), then the desktop shell, then the runtime.
 */
import { join } from 'node:path'
import { app, dialog, net, safeStorage } from 'electron'
import { APP_ID } from '../../../shared/product'
import type { Logger } from '../../core/engine/log'
import type { SecretsPort, SettingsPort } from '../../core/engine/ports'
import { loadPolicy, type MachinePolicy } from '../../core/runtime/policy-file'
import { withPolicy } from '../../core/runtime/policy-settings'
import type { RuntimeSupervisor } from '../../core/runtime/supervisor'
import { CHECK_ARG, runDesktopCheck } from './check-command'
import { type Desktop, startDesktop, trayIconDir } from './desktop'
import { createFileLogger } from './logger'
import { openSecretsStore, protectionNotice } from './secrets-store'
import { createSettingsStore } from './settings-store'

/** Longest wait for the runtime to stop when the user quits. */
const STOP_TIMEOUT_MS = 5_000

/** Rejects when `promise` takes longer than `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** What the platform hands the composition root to build a runtime with. */
export interface HostPorts {
  settings: SettingsPort
  secrets: SecretsPort
  log: Logger
  version: string
  userData: string
  /** Electron's `net.fetch` (follows the system proxy). */
  fetch: typeof fetch
}

/**
 * Starts the app; `build` creates the supervisor (its runtime not yet started) from the host's ports. The
 * runtime starts as soon as the tray exists, whatever the panel page does; anything that stops the start is
 * shown to the user, not left as a silent tray icon.
 */
export function startApp(build: (host: HostPorts) => Promise<RuntimeSupervisor>): void {
  // `--check` only diagnoses (it may run beside the running app, so it takes no single-instance lock).
  if (process.argv.includes(CHECK_ARG)) {
    void app
      .whenReady()
      .then(() => runDesktopCheck((line) => process.stdout.write(`${line}\n`)))
      .then(
        (code) => app.exit(code),
        () => app.exit(1),
      )
    return
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  // Windows groups toasts by this id; without it they show as "electron.app.Chat Tray".
  app.setAppUserModelId(APP_ID)
  let desktop: Desktop | null = null
  let supervisor: RuntimeSupervisor | null = null
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => {})
  app.on('second-instance', () => desktop?.showPanel())
  // macOS: opening the app again (Finder, Spotlight, `open -a`) shows the panel.
  app.on('activate', () => desktop?.showPanel())
  // Electron does not wait for promises: hold the quit until the runtime has stopped (journal flushed,
  // listener closed), at most STOP_TIMEOUT_MS, then quit for real.
  let stoppedCleanly = false
  app.on('before-quit', (event) => {
    const running = supervisor
    if (stoppedCleanly || !running) return
    event.preventDefault()
    void withTimeout(running.stop(), STOP_TIMEOUT_MS)
      .then(
        () => log?.info('runtime stopped; quitting'),
        (error: unknown) => log?.error('runtime did not stop in time; quitting', { error: String(error) }),
      )
      .finally(() => {
        stoppedCleanly = true
        app.quit()
      })
  })
  let log: Logger | null = null
  let policy: MachinePolicy
  app
    .whenReady()
    .then(async () => {
      app.dock?.hide()
      const logger = createFileLogger()
      log = logger.log
      const userData = app.getPath('userData')
      const version = app.getVersion()
      const secrets = await openSecretsStore(safeStorage, userData, logger.log, process.platform)
      // IT's machine policy: its values are written over the user's, its locked keys refused by settings.update.
      policy = loadPolicy(process.platform, process.env)
      const settings = withPolicy(createSettingsStore({ cwd: userData, version, log: logger.log }), policy, logger.log)
      supervisor = await build({
        settings,
        secrets,
        log: logger.log,
        version,
        userData,
        fetch: net.fetch as unknown as typeof fetch,
      })
      desktop = startDesktop({
        supervisor,
        log: logger.log,
        logFolder: logger.folder,
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        indexFile: join(import.meta.dirname, '../renderer/index.html'),
        devUrl: process.env.ELECTRON_RENDERER_URL ?? null,
        iconDir: trayIconDir(),
        policy: policy.status,
      })
      const notice = protectionNotice(secrets.protection)
      if (notice) desktop.notice(notice.title, notice.body)
      const shell = desktop
      await supervisor
        .start()
        .catch((error: unknown) => shell.reportProblem('Chat Tray could not start the help desks', error))
    })
    .catch((error: unknown) => {
      // Nothing to run without settings, stores or a tray: say why, then quit instead of idling invisibly.
      const message = error instanceof Error ? error.message : String(error)
      log?.error('Chat Tray could not start', { error: message })
      dialog.showErrorBox('Chat Tray could not start', message)
      if (!desktop) app.quit()
    })
}

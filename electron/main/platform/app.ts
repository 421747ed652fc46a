/**
 * The Electron app lifecycle: single-instance lock, Windows AppUserModelId, tray-only start, file logging,
 * the settings and secrets stores, then the runtime supervisor the composition root builds (real or demo
 * runtime), then the desktop shell.
 */
import { join } from 'node:path'
import { app, net, safeStorage } from 'electron'
import { APP_ID } from '../../../shared/product'
import type { Logger } from '../engine/log'
import type { SecretsPort, SettingsPort } from '../runtime/ports'
import type { RuntimeSupervisor } from '../runtime/supervisor'
import { startDesktop, trayIconDir } from './desktop'
import { createFileLogger } from './logger'
import { createSecretsStore } from './secrets-store'
import { createSettingsStore } from './settings-store'

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

/** Starts the app; `build` creates the supervisor (its runtime not yet started) from the host's ports. */
export function startApp(build: (host: HostPorts) => Promise<RuntimeSupervisor>): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  // Windows groups toasts by this id; without it they show as "electron.app.Chat Tray".
  app.setAppUserModelId(APP_ID)
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => {})
  app.whenReady().then(async () => {
    app.dock?.hide()
    const { log, folder } = createFileLogger()
    const userData = app.getPath('userData')
    const version = app.getVersion()
    const supervisor = await build({
      settings: createSettingsStore({ cwd: userData, version, log }),
      secrets: createSecretsStore(safeStorage, userData, log),
      log,
      version,
      userData,
      fetch: net.fetch as unknown as typeof fetch,
    })
    const desktop = await startDesktop({
      supervisor,
      log,
      logFolder: folder,
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      indexFile: join(import.meta.dirname, '../renderer/index.html'),
      devUrl: process.env.ELECTRON_RENDERER_URL ?? null,
      iconDir: trayIconDir(),
    })
    app.on('second-instance', () => desktop.showPanel())
    app.on('before-quit', () => void supervisor.stop())
    await supervisor.start()
  })
}

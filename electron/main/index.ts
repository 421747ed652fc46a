/**
 * Composition root of the Electron app: single-instance lock, build the runtime with the platform's
 * settings, secrets and log, register the sources, start the desktop shell. No logic lives here.
 */
import { join } from 'node:path'
import { app } from 'electron'
import { osCipher, startDesktop, trayIconDir } from './platform/desktop'
import { createFileLogger } from './platform/logger'
import { createSecretsStore } from './platform/secrets-store'
import { createSettingsStore } from './platform/settings-store'
import { createRuntime } from './runtime/runtime'
import { registerSources } from './runtime/sources'

if (!app.requestSingleInstanceLock()) app.quit()
else {
  // Windows groups toasts by this id; without it they show as "electron.app.Chat Tray".
  app.setAppUserModelId('app.chattray.desktop')
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window open.
  })
  app.whenReady().then(async () => {
    app.dock?.hide()
    const { log, folder } = createFileLogger()
    const userData = app.getPath('userData')
    const settings = createSettingsStore({ cwd: userData, version: app.getVersion(), log })
    const runtime = createRuntime({
      settings,
      secrets: createSecretsStore(osCipher, userData, log),
      log,
      version: app.getVersion(),
      stateDir: userData,
      demo: settings.get().app.demo,
    })
    registerSources(runtime)
    const desktop = await startDesktop({
      runtime,
      log,
      logFolder: folder,
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      indexFile: join(import.meta.dirname, '../renderer/index.html'),
      devUrl: process.env.ELECTRON_RENDERER_URL ?? null,
      iconDir: trayIconDir(),
    })
    app.on('second-instance', () => desktop.showPanel())
    app.on('before-quit', () => void runtime.stop())
    await runtime.start().catch((error) => log.error('runtime failed to start', { error }))
  })
}

/**
 * Composition root of the Electron app: single-instance lock, build the runtime and the platform
 * services, wire them. No logic lives here.
 */
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain } from 'electron'
import { IPC_CHANNELS } from '../../shared/protocol'
import { lineLogger } from './engine/log'
import { memorySecrets, memorySettings } from './runtime/ports'
import { createRuntime } from './runtime/runtime'
import { registerSources } from './runtime/sources'

if (!app.requestSingleInstanceLock()) app.quit()

app.whenReady().then(async () => {
  const log = lineLogger((line) => process.stderr.write(line))
  const runtime = createRuntime({
    settings: memorySettings(),
    secrets: memorySecrets(),
    log,
    version: app.getVersion(),
    stateDir: app.getPath('userData'),
    demo: false,
  })
  registerSources(runtime)
  const window = new BrowserWindow({
    show: false,
    width: 420,
    height: 640,
    frame: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  })
  ipcMain.handle(IPC_CHANNELS.command, (event, name: unknown, params: unknown) => {
    if (event.sender !== window.webContents)
      return { ok: false, error: { code: 'bad_command', message: 'unknown sender' } }
    return runtime.engine.dispatcher.dispatch(name, params)
  })
  runtime.engine.bus.subscribe((event) => window.webContents.send(IPC_CHANNELS.event, event))
  await runtime.start()
  if (process.env.ELECTRON_RENDERER_URL) await window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else await window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  app.on('before-quit', () => void runtime.stop())
})

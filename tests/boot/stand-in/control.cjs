/**
 * The control channel (Node IPC with the test process): the test sends `{ id, op, args }`, acts like a
 * user or the OS, and gets `{ id, ok, result | error }` back; `state` returns what the app did so far.
 */
const { record, safe, platform } = require('./state.cjs')

let exiting = false

function modules() {
  const windows = require('./windows.cjs')
  const tray = require('./tray.cjs')
  const services = require('./services.cjs')
  const { app } = require('./app.cjs')
  const { toastControls } = require('./notification.cjs')
  return { windows, tray, services, app, toastControls }
}

function onlyTray() {
  const { trays } = modules().tray
  const live = trays.filter((t) => !t.isDestroyed())
  if (live.length !== 1) throw new Error(`expected one tray, found ${live.length}`)
  return live[0]
}

function firstWindow() {
  const { windows } = modules().windows
  if (windows.length === 0) throw new Error('no window open')
  return windows[0]
}

const ops = {
  state() {
    const { windows, tray, services, app } = modules()
    return safe({
      ...record,
      windows: windows.describeWindows(),
      trays: tray.trays.filter((t) => !t.isDestroyed()).map((t) => t.describe()),
      shortcuts: [...services.shortcuts.keys()],
      ipcHandlers: [...services.ipcMain.handlers.keys()],
      loginItem: app.getLoginItemSettings(),
      dockHidden: app.dock ? app.dock.hidden : null,
      userModelId: app.userModelId,
      themeSource: services.nativeTheme.themeSource,
      ready: app.isReady(),
    })
  },
  trayClick: () => onlyTray().userClick(),
  trayRightClick: () => onlyTray().userRightClick(),
  menuClick: (path) => onlyTray().clickMenuItem(path),
  /** Clicks an item of the first window's menu bar (a window without a tray carries the tray's menu there). */
  windowMenuClick(path) {
    const item = modules().tray.findItem(firstWindow().menu, path)
    if (!item) throw new Error(`no window menu item ${path.join(' › ')}`)
    if (!item.enabled) throw new Error(`window menu item ${path.join(' › ')} is disabled`)
    item.click?.(item, undefined, {})
  },
  /** Focus moves to another app. */
  blur: () => modules().windows.blurFocused(),
  /** Alt+F4 / Cmd+W on the first window. */
  closeWindow: () => firstWindow().close(),
  shortcut(accelerator) {
    const callback = modules().services.shortcuts.get(accelerator)
    if (!callback) throw new Error(`shortcut ${accelerator} is not registered`)
    callback()
  },
  toastClick: (id) => modules().toastControls.click(id),
  toastAction: (id, index) => modules().toastControls.action(id, index),
  toastClose: (id) => modules().toastControls.close(id),
  toastFail: (id, error) => modules().toastControls.fail(id, error),
  secondInstance: (argv = []) => modules().app.emit('second-instance', {}, argv, process.cwd(), {}),
  activate() {
    if (platform !== 'darwin') throw new Error('activate is a macOS event')
    modules().app.emit('activate', {}, false)
  },
  power: (event) => modules().services.powerMonitor.emit(event, {}),
  /** The OS takes the app's listening ports away (what a suspend, a VPN or a network change can do): each closes. */
  losePorts() {
    const { servers } = require('./state.cjs')
    const lost = []
    for (const server of servers) {
      if (!server.listening) continue
      lost.push(server.address()?.port ?? null)
      server.closeAllConnections?.()
      server.close()
    }
    return lost
  },
  /** Replies first, then quits (the exit is reported as an `exit` event). */
  quit: () => void setImmediate(() => modules().app.quit()),
  failLoads(code) {
    modules().windows.loadFailure.code = code ?? null
  },
  /** A renderer invoking `channel` from the window's page (its contents id and URL are the sender). */
  async invoke(channel, args) {
    const handler = modules().services.ipcMain.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    const window = firstWindow()
    const sender = window.webContents
    return handler({ sender, senderFrame: { url: sender.getURL() }, frameId: 1, processId: 1 }, ...args)
  },
  /** Events sent to the page since the last call (for the renderer bridge). */
  drainSent() {
    const sent = pendingSends.splice(0)
    return safe(sent)
  },
}

/** Every `webContents.send`, kept for `drainSent` (the browser test replays them into a real page). */
const pendingSends = []

function start() {
  if (!process.send) return
  process.on('message', async (message) => {
    if (!message || typeof message !== 'object' || !(message.op in ops)) {
      process.send({ id: message?.id, ok: false, error: `unknown op ${message?.op}` })
      return
    }
    try {
      const result = await ops[message.op](...(message.args ?? []))
      process.send({ id: message.id, ok: true, result: result === undefined ? null : safe(result) })
    } catch (error) {
      process.send({ id: message.id, ok: false, error: String(error?.stack ?? error) })
    }
  })
}

/** Tells the test the app exited (with the final state), then exits. */
function reportExit(code) {
  if (exiting) return
  exiting = true
  if (!process.send) process.exit(code)
  // After the reply to the op that quit (queued first; IPC keeps order).
  else setImmediate(() => process.send({ event: 'exit', code, state: ops.state() }, () => process.exit(code)))
}

module.exports = { start, reportExit, pendingSends }

/**
 * The stand-in inside a test process, for platform unit tests that would otherwise mock `electron` call by call:
 * `electron` (for `vi.mock('electron')`), `ready()`, `reset()` between tests, and what was recorded.
 */
const electron = require('./electron.cjs')
const state = require('./state.cjs')
const windows = require('./windows.cjs')
const tray = require('./tray.cjs')
const services = require('./services.cjs')
const control = require('./control.cjs')

/** Emits `ready` once (as Electron does after the main script ran). */
function ready() {
  if (!electron.app.isReady()) electron.app.emitReady()
}

/** Destroys every window and tray and forgets handlers, shortcuts, listeners and the record. */
function reset() {
  for (const window of windows.windows.slice()) window.destroy()
  for (const item of tray.trays.splice(0)) item.destroy()
  services.ipcMain.handlers.clear()
  services.shortcuts.clear()
  services.powerMonitor.removeAllListeners()
  Object.assign(state.record, { calls: [], errors: [], toasts: [], images: [], loads: [], dialogs: [], opened: [] })
  Object.assign(state.record, { sent: 0, deprecated: [] })
  control.pendingSends.length = 0
}

module.exports = {
  electron,
  record: state.record,
  ready,
  reset,
  trays: tray.trays,
  windows: windows.windows,
  ipcMain: services.ipcMain,
  powerMonitor: services.powerMonitor,
  sends: control.pendingSends,
}

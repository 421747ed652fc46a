/**
 * The stand-in `electron` module: main-process modules only (exporting renderer modules confuses
 * electron-log). Each export is assigned on its own line so Node's CommonJS lexer sees the named exports
 * that the app's ESM `import { app } from 'electron'` needs.
 */
const { app } = require('./app.cjs')
const windows = require('./windows.cjs')
const tray = require('./tray.cjs')
const { Notification } = require('./notification.cjs')
const services = require('./services.cjs')

exports.app = app
exports.BrowserWindow = windows.BrowserWindow
exports.webContents = windows.webContents
exports.session = windows.session
exports.Tray = tray.Tray
exports.Menu = tray.Menu
exports.MenuItem = tray.MenuItem
exports.Notification = Notification
exports.nativeImage = services.nativeImage
exports.screen = services.screen
exports.shell = services.shell
exports.globalShortcut = services.globalShortcut
exports.powerMonitor = services.powerMonitor
exports.safeStorage = services.safeStorage
exports.nativeTheme = services.nativeTheme
exports.ipcMain = services.ipcMain
exports.net = services.net
exports.dialog = services.dialog
exports.autoUpdater = services.autoUpdater

/**
 * `app`: the ready gate, single-instance lock, paths, login items (ignored on Linux, as Electron does),
 * the macOS dock, and quit (before-quit → will-quit → quit → exit).
 */
const { readFileSync } = require('node:fs')
const { join } = require('node:path')
const { Emitter, record, call, requireReady, markReady, isReady, platform } = require('./state.cjs')

const appPath = process.env.STAND_IN_APP_PATH || process.cwd()
const userData = process.env.STAND_IN_USER_DATA || join(require('node:os').tmpdir(), 'stand-in-user-data')
const manifest = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8'))

class App extends Emitter {
  constructor() {
    super()
    this.loginItem = { openAtLogin: false, args: [] }
    this.userModelId = null
    this.quitting = false
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve))
    this.name = manifest.productName ?? manifest.name
    this.commandLine = {
      appendSwitch: (...args) => call('app.commandLine.appendSwitch', ...args),
      hasSwitch: () => false,
    }
    this.dock =
      platform === 'darwin'
        ? {
            hidden: false,
            hide() {
              this.hidden = true
              call('app.dock.hide')
            },
            show: async () => call('app.dock.show'),
            setBadge: () => {},
            isVisible() {
              return !this.hidden
            },
          }
        : undefined
  }
  get isPackaged() {
    return process.env.STAND_IN_PACKAGED === '1'
  }
  whenReady() {
    return this.readyPromise
  }
  isReady() {
    return isReady()
  }
  /** Called by the boot entry once the main module has been evaluated. */
  emitReady() {
    markReady()
    this.emit('will-finish-launching')
    this.emit('ready', {}, {})
    this.resolveReady()
  }
  requestSingleInstanceLock() {
    call('app.requestSingleInstanceLock')
    return process.env.STAND_IN_SECOND_INSTANCE !== '1'
  }
  releaseSingleInstanceLock() {
    call('app.releaseSingleInstanceLock')
  }
  setAppUserModelId(id) {
    this.userModelId = id
  }
  getPath(name) {
    const paths = {
      userData,
      logs: join(userData, 'logs'),
      appData: join(userData, '..'),
      temp: require('node:os').tmpdir(),
      home: require('node:os').homedir(),
      exe: process.execPath,
      sessionData: userData,
    }
    if (!(name in paths)) throw new Error(`Failed to get '${name}' path`)
    return paths[name]
  }
  setPath() {}
  getVersion() {
    return manifest.version
  }
  getName() {
    return this.name
  }
  getAppPath() {
    return appPath
  }
  getLocale() {
    return 'en-US'
  }
  focus() {}
  setLoginItemSettings(settings) {
    requireReady('app.setLoginItemSettings')
    call('app.setLoginItemSettings', settings)
    // Electron implements login items on macOS and Windows only.
    if (platform !== 'linux') this.loginItem = { ...this.loginItem, ...settings }
  }
  getLoginItemSettings() {
    return { ...this.loginItem }
  }
  setActivationPolicy(policy) {
    call('app.setActivationPolicy', policy)
  }
  quit() {
    if (this.quitting) return
    let prevented = false
    this.emit('before-quit', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.quitting = true
    for (const window of require('./windows.cjs').windows.slice()) window.destroy()
    this.emit('will-quit', { preventDefault: () => {} })
    this.emit('quit', {}, 0)
    this.exit(0)
  }
  exit(code = 0) {
    record.exitCode = code
    require('./control.cjs').reportExit(code)
  }
  relaunch() {}
}

const app = new App()

module.exports = { app }

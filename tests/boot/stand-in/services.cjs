/**
 * The smaller main-process modules: nativeImage (empty for a missing file, like Electron), screen, shell,
 * globalShortcut, powerMonitor, safeStorage (Linux keyring backend chosen by STAND_IN_KEYRING), nativeTheme,
 * ipcMain (one handler per channel), net (net.cjs), autoUpdater and dialog.
 */
const { existsSync, readFileSync } = require('node:fs')
const { Emitter, record, call, requireReady, deprecated, platform, isReady } = require('./state.cjs')

const PNG_SIGNATURE = '89504e470d0a1a0a'

class NativeImage {
  constructor(path) {
    this.path = path ?? null
    this.template = false
    const bytes = path && existsSync(path) ? readFileSync(path) : null
    this.empty = !bytes || bytes.subarray(0, 8).toString('hex') !== PNG_SIGNATURE
    this.width = this.empty ? 0 : bytes.readUInt32BE(16)
    this.height = this.empty ? 0 : bytes.readUInt32BE(20)
    const hiDpi = path ? path.replace(/\.png$/, '@2x.png') : null
    this.hiDpi = Boolean(hiDpi && hiDpi !== path && existsSync(hiDpi))
  }
  isEmpty() {
    return this.empty
  }
  getSize() {
    return { width: this.width, height: this.height }
  }
  setTemplateImage(flag) {
    this.template = flag
  }
  isTemplateImage() {
    return this.template || Boolean(this.path && /Template(@\dx)?\.png$/.test(this.path))
  }
  toPNG() {
    return this.path && !this.empty ? readFileSync(this.path) : Buffer.alloc(0)
  }
  describe() {
    return {
      path: this.path,
      empty: this.empty,
      hiDpi: this.hiDpi,
      template: this.isTemplateImage(),
      size: this.getSize(),
    }
  }
}

const nativeImage = {
  createFromPath(path) {
    const image = new NativeImage(path)
    record.images.push(image.describe())
    return image
  },
  createEmpty: () => new NativeImage(null),
  createFromDataURL: () => new NativeImage(null),
  createFromBuffer: () => new NativeImage(null),
}

const DISPLAY = {
  darwin: {
    bounds: { x: 0, y: 0, width: 1440, height: 900 },
    workArea: { x: 0, y: 25, width: 1440, height: 875 },
    scaleFactor: 2,
  },
  win32: {
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1.25,
  },
  linux: {
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 27, width: 1920, height: 1053 },
    scaleFactor: 1,
  },
}[platform]
const display = { id: 1, rotation: 0, touchSupport: 'unknown', ...DISPLAY }

const screenApi = {
  getPrimaryDisplay: () => display,
  getAllDisplays: () => [display],
  getDisplayMatching: () => display,
  getDisplayNearestPoint: () => display,
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
}
/** Electron's screen module throws when touched before `ready`. */
const screen = new Proxy(new Emitter(), {
  get(target, property) {
    if (typeof property === 'string' && property in screenApi) {
      requireReady("The 'screen' module")
      return screenApi[property]
    }
    return Reflect.get(target, property)
  },
})

const shell = {
  async openExternal(url) {
    record.opened.push({ kind: 'external', target: url })
  },
  async openPath(path) {
    record.opened.push({ kind: 'path', target: path, exists: existsSync(path) })
    return existsSync(path) ? '' : 'Failed to open path'
  },
  showItemInFolder(path) {
    record.opened.push({ kind: 'folder', target: path })
  },
}

const shortcuts = new Map()
const taken = new Set((process.env.STAND_IN_TAKEN_SHORTCUTS || '').split(',').filter(Boolean))
const globalShortcut = {
  register(accelerator, callback) {
    requireReady('globalShortcut')
    if (taken.has(accelerator)) return false
    shortcuts.set(accelerator, callback)
    return true
  },
  unregister(accelerator) {
    shortcuts.delete(accelerator)
  },
  unregisterAll() {
    shortcuts.clear()
  },
  isRegistered: (accelerator) => shortcuts.has(accelerator),
}

const powerMonitor = new Emitter()
powerMonitor.getSystemIdleState = () => 'active'
powerMonitor.isOnBatteryPower = () => false

const backend = process.env.STAND_IN_KEYRING || 'gnome_libsecret'
const PREFIX = Buffer.from('v11')
const scramble = (bytes) => Buffer.from(bytes.map((b) => b ^ 0x5a))
const safeStorage = {
  isEncryptionAvailable: () => deprecated('safeStorage.isEncryptionAvailable', 'isAsyncEncryptionAvailable'),
  encryptString: () => deprecated('safeStorage.encryptString', 'encryptStringAsync'),
  decryptString: () => deprecated('safeStorage.decryptString', 'decryptStringAsync'),
  async isAsyncEncryptionAvailable() {
    return isReady()
  },
  async encryptStringAsync(plain) {
    requireReady('safeStorage')
    return Buffer.concat([PREFIX, scramble(Buffer.from(plain, 'utf8'))])
  },
  async decryptStringAsync(encrypted) {
    requireReady('safeStorage')
    if (!encrypted.subarray(0, 3).equals(PREFIX)) throw new Error('Error while decrypting the ciphertext provided')
    return { result: scramble(encrypted.subarray(3)).toString('utf8'), shouldReEncrypt: false }
  },
  getSelectedStorageBackend() {
    if (platform !== 'linux') throw new Error('safeStorage.getSelectedStorageBackend is only available on Linux')
    return isReady() ? backend : 'unknown'
  },
  setUsePlainTextEncryption() {},
}

const nativeTheme = new Emitter()
nativeTheme.themeSource = 'system'
nativeTheme.shouldUseDarkColors = false

const handlers = new Map()
const ipcMain = new Emitter()
ipcMain.handle = (channel, handler) => {
  if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
  handlers.set(channel, handler)
}
ipcMain.handleOnce = ipcMain.handle
ipcMain.removeHandler = (channel) => handlers.delete(channel)
ipcMain.handlers = handlers

const { net } = require('./net.cjs')

/** Electron's built-in autoUpdater (Squirrel on macOS and Windows; on Linux it exists but updates nothing). */
const autoUpdater = new Emitter()
autoUpdater.feedURL = ''
autoUpdater.setFeedURL = (options) => {
  autoUpdater.feedURL = typeof options === 'string' ? options : options.url
  call('autoUpdater.setFeedURL', autoUpdater.feedURL)
}
autoUpdater.getFeedURL = () => autoUpdater.feedURL
autoUpdater.checkForUpdates = () => {
  call('autoUpdater.checkForUpdates')
  setImmediate(() => autoUpdater.emit('error', new Error('Squirrel is not available in the stand-in')))
}
autoUpdater.quitAndInstall = () => call('autoUpdater.quitAndInstall')

const dialog = {
  showErrorBox(title, content) {
    record.dialogs.push({ kind: 'error', title, content })
  },
  async showMessageBox(options) {
    record.dialogs.push({ kind: 'message', title: options?.title ?? '', content: options?.message ?? '' })
    return { response: 0, checkboxChecked: false }
  },
}

call('stand-in loaded', platform)

module.exports = {
  nativeImage,
  screen,
  shell,
  globalShortcut,
  shortcuts,
  powerMonitor,
  safeStorage,
  nativeTheme,
  ipcMain,
  net,
  autoUpdater,
  dialog,
}

/**
 * BrowserWindow and WebContents: visibility, focus (blur is emitted when something else takes focus or the
 * window hides), page loads that fail like Chromium's, sends counted, and "Object has been destroyed" after
 * close. Only what the app uses; an unknown member is `undefined`, so a new call fails loudly here first.
 */
const { existsSync } = require('node:fs')
const { fileURLToPath, pathToFileURL } = require('node:url')
const { Emitter, record, call, requireReady, newId, platform } = require('./state.cjs')
const { destroyable } = require('./destroyable.cjs')

const windows = []
const allContents = []
let focused = null
/** Set by the control channel: page loads fail with this Chromium error (null = load normally). */
const loadFailure = { code: process.env.STAND_IN_FAIL_LOAD || null }

const session = {
  setPermissionRequestHandler(handler) {
    call('session.setPermissionRequestHandler')
    session.permissionHandler = handler
  },
  setPermissionCheckHandler() {},
  setPreloads() {},
  getPreloads: () => [],
  webRequest: { onHeadersReceived() {}, onBeforeRequest() {} },
  permissionHandler: null,
}

class WebContents extends Emitter {
  constructor(preferences) {
    super()
    this.id = newId()
    this.destroyed = false
    this.preferences = preferences ?? {}
    this.url = ''
    this.session = session
    this.windowOpenHandler = null
    this.executed = []
  }
  isDestroyed() {
    return this.destroyed
  }
  send(channel, ...args) {
    call('webContents.send', channel, args[0]?.type)
    record.sent++
    require('./control.cjs').pendingSends.push({ contentsId: this.id, channel, args })
  }
  getURL() {
    return this.url
  }
  get mainFrame() {
    return { url: this.url }
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  isDevToolsOpened() {
    return false
  }
  isCrashed() {
    return false
  }
  isLoading() {
    return false
  }
  openDevTools() {}
  async executeJavaScript(code) {
    this.executed.push(code)
    call('webContents.executeJavaScript', code)
  }
  async loadFile(file) {
    return this.load(pathToFileURL(file).href)
  }
  async loadURL(url) {
    return this.load(url)
  }
  async load(url) {
    const preload = this.preferences.preload
    // The IPC handlers registered when the load starts (the page asks main for data as soon as it runs).
    const handlers = [...require('./services.cjs').ipcMain.handlers.keys()]
    const entry = { url, preload: preload ?? null, ok: false, error: null, handlers }
    record.loads.push(entry)
    if (preload && !existsSync(preload)) record.errors.push({ kind: 'preload-missing', message: preload })
    const failure = loadFailure.code ?? (await reachable(url))
    if (failure) {
      entry.error = failure
      this.emit('did-fail-load', {}, -6, failure, url, true)
      throw new Error(`${failure} loading '${url}'`)
    }
    entry.ok = true
    if (url.startsWith('file:'))
      for (const missing of missingAssets(url)) record.errors.push({ kind: 'page-asset-missing', message: missing })
    this.url = url
    this.emit('dom-ready')
    // Electron: the document's <title> becomes the window's title unless `page-title-updated` is prevented.
    const title = url.startsWith('file:') ? pageTitle(url) : null
    if (title !== null) this.emit('page-title-updated', { preventDefault() {} }, title, false)
    this.emit('did-finish-load')
  }
  markDestroyed() {
    this.destroyed = true
    this.emit('destroyed')
  }
}

/** Files a loaded page's `src`/`href` attributes name relative to it that do not exist. */
function missingAssets(url) {
  const page = fileURLToPath(url)
  const html = require('node:fs').readFileSync(page, 'utf8')
  const refs = [...html.matchAll(/\s(?:src|href)="([^"#?:]+)"/g)].map((m) => m[1])
  return refs.map((ref) => fileURLToPath(new URL(ref, url))).filter((file) => !existsSync(file))
}

/** The `<title>` of a loaded file page, or null. */
function pageTitle(url) {
  const html = require('node:fs').readFileSync(fileURLToPath(url), 'utf8')
  return /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? null
}

/** Null when `url` can be loaded, else Chromium's error name. */
async function reachable(url) {
  if (url.startsWith('file:')) return existsSync(fileURLToPath(url)) ? null : 'ERR_FILE_NOT_FOUND'
  try {
    await fetch(url)
    return null
  } catch {
    return 'ERR_CONNECTION_REFUSED'
  }
}

class BrowserWindow extends Emitter {
  constructor(options = {}) {
    requireReady('BrowserWindow')
    super()
    this.id = newId()
    this.options = options
    this.destroyed = false
    this.visible = false
    this.alwaysOnTop = Boolean(options.alwaysOnTop)
    this.allWorkspaces = false
    this.fullScreenVisible = false
    this.bounds = { x: 0, y: 0, width: options.width ?? 800, height: options.height ?? 600 }
    this.title = options.title ?? require('./app.cjs').app.getName()
    this.skipTaskbar = Boolean(options.skipTaskbar)
    this.minimized = false
    this.flashing = false
    this.menu = null
    this.contents = destroyable(new WebContents(options.webPreferences))
    allContents.push(this.contents)
    this.contents.on('page-title-updated', (_event, title, explicitSet) => {
      let prevented = false
      this.emit('page-title-updated', { preventDefault: () => (prevented = true) }, title, explicitSet)
      if (!prevented) this.title = title
    })
    this.proxy = destroyable(this)
    windows.push(this.proxy)
    call('new BrowserWindow', options)
    if (options.show !== false) this.show()
    // biome-ignore lint/correctness/noConstructorReturn: the app must hold the proxy (destroyed checks)
    return this.proxy
  }
  get webContents() {
    return this.contents
  }
  isDestroyed() {
    return this.destroyed
  }
  show() {
    this.visible = true
    this.emit('show')
    this.focus()
  }
  hide() {
    if (!this.visible) return
    this.visible = false
    if (focused === this) blurFocused()
    this.emit('hide')
  }
  focus() {
    this.minimized = false
    this.flashing = false
    if (focused === this) return
    blurFocused()
    focused = this
    this.emit('focus')
  }
  blur() {
    if (focused === this) blurFocused()
  }
  isVisible() {
    return this.visible
  }
  isFocused() {
    return focused === this
  }
  setPosition(x, y) {
    this.bounds = { ...this.bounds, x, y }
  }
  getPosition() {
    return [this.bounds.x, this.bounds.y]
  }
  getBounds() {
    return { ...this.bounds }
  }
  setBounds(bounds) {
    this.bounds = { ...this.bounds, ...bounds }
  }
  getSize() {
    return [this.bounds.width, this.bounds.height]
  }
  setAlwaysOnTop(flag) {
    this.alwaysOnTop = Boolean(flag)
  }
  isAlwaysOnTop() {
    return this.alwaysOnTop
  }
  setVisibleOnAllWorkspaces(flag, options) {
    this.allWorkspaces = Boolean(flag)
    this.fullScreenVisible = Boolean(options?.visibleOnFullScreen)
  }
  isVisibleOnAllWorkspaces() {
    return this.allWorkspaces
  }
  setSkipTaskbar(flag) {
    this.skipTaskbar = Boolean(flag)
  }
  setTitle(title) {
    this.title = String(title)
  }
  getTitle() {
    return this.title
  }
  showInactive() {
    this.visible = true
    this.emit('show')
  }
  minimize() {
    this.minimized = true
    if (focused === this) blurFocused()
    this.emit('minimize')
  }
  restore() {
    this.minimized = false
    this.emit('restore')
  }
  isMinimized() {
    return this.minimized
  }
  /** Taskbar attention (Windows and Linux); stops when the window gets focus. */
  flashFrame(flag) {
    this.flashing = Boolean(flag)
  }
  setMenu(menu) {
    this.menu = menu
  }
  removeMenu() {
    this.menu = null
  }
  setMenuBarVisibility() {}
  loadFile(file) {
    return this.contents.loadFile(file)
  }
  loadURL(url) {
    return this.contents.loadURL(url)
  }
  /** What Alt+F4 / Cmd+W do: 'close' (preventable), then destroy. */
  close() {
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (!prevented) this.destroy()
  }
  destroy() {
    if (this.destroyed) return
    if (focused === this) blurFocused()
    this.visible = false
    this.destroyed = true
    const index = windows.indexOf(this.proxy)
    if (index >= 0) windows.splice(index, 1)
    this.contents.markDestroyed()
    this.emit('closed')
    if (windows.length === 0) require('./app.cjs').app.emit('window-all-closed')
  }
  static getAllWindows() {
    return [...windows]
  }
  static getFocusedWindow() {
    return focused ? focused.proxy : null
  }
  static fromWebContents(contents) {
    return windows.find((w) => w.webContents === contents) ?? null
  }
}

/** The focused window loses focus (another app or the tray took it). */
function blurFocused() {
  const window = focused
  focused = null
  if (window && !window.destroyed) window.emit('blur')
}

const webContents = {
  getAllWebContents: () => allContents.filter((c) => !c.isDestroyed()),
  fromId: (id) => allContents.find((c) => !c.isDestroyed() && c.id === id) ?? null,
  getFocusedWebContents: () => (focused ? focused.contents : null),
}

/** Facts about the windows for the test (never throws on destroyed ones). */
function describeWindows() {
  return windows.map((proxy) => ({
    id: proxy.id,
    visible: proxy.isVisible(),
    focused: proxy.isFocused(),
    alwaysOnTop: proxy.isAlwaysOnTop(),
    allWorkspaces: proxy.isVisibleOnAllWorkspaces(),
    fullScreenVisible: proxy.fullScreenVisible,
    url: proxy.webContents.getURL(),
    contentsId: proxy.webContents.id,
    bounds: proxy.getBounds(),
    options: proxy.options,
    title: proxy.getTitle(),
    skipTaskbar: proxy.skipTaskbar,
    frame: proxy.options.frame !== false,
    minimized: proxy.isMinimized(),
    flashing: proxy.flashing,
    menu: proxy.menu ? require('./tray.cjs').describeMenu(proxy.menu) : null,
  }))
}

module.exports = {
  BrowserWindow,
  WebContents,
  webContents,
  session: { defaultSession: session, fromPartition: () => session },
  windows,
  blurFocused,
  describeWindows,
  loadFailure,
  platformHasFocusStealingTray: platform === 'darwin' || platform === 'win32',
}

/**
 * Tray and Menu with each platform's click rules: Windows and macOS move focus to the tray first, so the
 * focused window's `blur` arrives before `click`; on macOS a left click with a context menu set also pops the
 * menu; Linux reports zero bounds and always pops the menu it has.
 */
const { Emitter, call, requireReady, platform, newId } = require('./state.cjs')
const { destroyable } = require('./destroyable.cjs')
const { blurFocused } = require('./windows.cjs')

const BOUNDS = {
  darwin: { x: 1180, y: 0, width: 22, height: 24 },
  win32: { x: 1700, y: 1040, width: 24, height: 40 },
  linux: { x: 0, y: 0, width: 0, height: 0 },
}

class MenuItem {
  constructor(options) {
    Object.assign(this, { type: 'normal', enabled: true, visible: true, checked: false }, options)
    if (options.submenu && !(options.submenu instanceof Menu)) this.submenu = Menu.buildFromTemplate(options.submenu)
  }
}

class Menu extends Emitter {
  constructor() {
    super()
    this.items = []
  }
  append(item) {
    this.items.push(item)
  }
  popup() {
    call('menu.popup')
  }
  closePopup() {}
  static buildFromTemplate(template) {
    const menu = new Menu()
    for (const options of template) menu.append(options instanceof MenuItem ? options : new MenuItem(options))
    return menu
  }
  static setApplicationMenu(menu) {
    call('Menu.setApplicationMenu', menu === null ? null : 'menu')
  }
  static getApplicationMenu() {
    return null
  }
}

/** Labels of a menu, submenus nested (for the test). */
function describeMenu(menu) {
  return menu?.items.map((item) => ({
    label: item.label ?? `(${item.type})`,
    enabled: item.enabled,
    checked: item.type === 'checkbox' || item.type === 'radio' ? item.checked : undefined,
    submenu: item.submenu ? describeMenu(item.submenu) : undefined,
  }))
}

/** Finds an item by its label path (["Do not disturb", "For 1 hour"]). */
function findItem(menu, path) {
  let items = menu?.items ?? []
  let found = null
  for (const label of path) {
    found = items.find((item) => item.label === label) ?? null
    if (!found) return null
    items = found.submenu?.items ?? []
  }
  return found
}

const trays = []

class Tray extends Emitter {
  constructor(image) {
    requireReady('Tray')
    super()
    this.id = newId()
    this.destroyed = false
    this.image = image
    this.tooltip = ''
    this.title = ''
    this.contextMenu = null
    /** The menu on screen right now (popped by a click or by the app). */
    this.poppedMenu = null
    this.popups = 0
    this.proxy = destroyable(this)
    trays.push(this.proxy)
    // biome-ignore lint/correctness/noConstructorReturn: the app must hold the proxy (destroyed checks)
    return this.proxy
  }
  isDestroyed() {
    return this.destroyed
  }
  setImage(image) {
    this.image = image
  }
  setPressedImage() {}
  setToolTip(text) {
    this.tooltip = text
  }
  setTitle(title) {
    if (platform === 'darwin') this.title = title
  }
  getTitle() {
    return this.title
  }
  setContextMenu(menu) {
    this.contextMenu = menu
  }
  popUpContextMenu(menu) {
    call('tray.popUpContextMenu')
    this.pop(menu ?? this.contextMenu)
  }
  pop(menu) {
    if (!menu) return
    this.poppedMenu = menu
    this.popups++
  }
  getBounds() {
    return { ...BOUNDS[platform] }
  }
  setIgnoreDoubleClickEvents() {}
  destroy() {
    this.destroyed = true
  }
  /** A user's left click, as this platform delivers it. */
  userClick() {
    if (platform === 'darwin' || platform === 'win32') blurFocused()
    if (platform === 'linux' || (platform === 'darwin' && this.contextMenu)) this.pop(this.contextMenu)
    this.emit('click', { preventDefault() {} }, this.getBounds(), { x: 0, y: 0 })
  }
  /** A user's right click: the context menu where one is set, else the `right-click` event (macOS, Windows). */
  userRightClick() {
    if (platform !== 'linux') blurFocused()
    if (this.contextMenu) this.pop(this.contextMenu)
    if (platform !== 'linux') this.emit('right-click', { preventDefault() {} }, this.getBounds())
  }
  /** Clicks an item of the menu on screen (or of the context menu) by its label path. */
  clickMenuItem(path) {
    const menu = this.poppedMenu ?? this.contextMenu
    const item = findItem(menu, path)
    if (!item) throw new Error(`no menu item ${path.join(' › ')}`)
    if (!item.enabled) throw new Error(`menu item ${path.join(' › ')} is disabled`)
    if (item.type === 'checkbox') item.checked = !item.checked
    this.poppedMenu = null
    item.click?.(item, undefined, {})
  }
  describe() {
    return {
      image: this.image?.describe?.() ?? null,
      tooltip: this.tooltip,
      title: this.title,
      menu: describeMenu(this.contextMenu),
      popped: describeMenu(this.poppedMenu),
      popups: this.popups,
      bounds: this.getBounds(),
    }
  }
}

module.exports = { Tray, Menu, MenuItem, trays, describeMenu, findItem }

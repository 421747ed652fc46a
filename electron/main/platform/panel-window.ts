/**
 * The frameless panel window: created hidden (the app starts to the tray only), shown next to the tray,
 * hidden again on blur unless pinned. Secure defaults per DESIGN.md §9.
 */
import { BrowserWindow, screen } from 'electron'
import { panelPosition } from './panel-position'
import { hardenContents } from './security'

/** Where the panel page comes from. */
export interface PanelSource {
  preloadPath: string
  /** Dev server URL, or null to load `indexFile`. */
  devUrl: string | null
  indexFile: string
}

/** The panel and its controls. */
export interface PanelHandle {
  window: BrowserWindow
  /** The URL the page was loaded from (the IPC guard compares senders against it). */
  pageUrl: string
  showNear(anchor: Electron.Rectangle | null): void
  toggle(anchor: Electron.Rectangle | null): void
  setPinned(pinned: boolean): void
  isPinned(): boolean
  /** Loads the renderer; call after the IPC handler is registered (the page asks for a snapshot at once). */
  load(): Promise<void>
}

const WIDTH = 420
const HEIGHT = 640

/** Creates the hidden panel (not loaded yet). */
export function createPanel(source: PanelSource): PanelHandle {
  const window = new BrowserWindow({
    show: false,
    width: WIDTH,
    height: HEIGHT,
    frame: false,
    resizable: false,
    skipTaskbar: true,
    fullscreenable: false,
    webPreferences: {
      preload: source.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  const pageUrl = source.devUrl ?? new URL(`file://${source.indexFile}`).href
  hardenContents(window.webContents, pageUrl)
  let pinned = false
  window.on('blur', () => {
    if (!pinned && !window.webContents.isDevToolsOpened()) window.hide()
  })
  const showNear = (anchor: Electron.Rectangle | null) => {
    const display = anchor ? screen.getDisplayMatching(anchor) : screen.getPrimaryDisplay()
    const { x, y } = panelPosition(anchor, { width: WIDTH, height: HEIGHT }, display.workArea)
    window.setPosition(x, y, false)
    window.show()
    window.focus()
  }
  return {
    load: () => (source.devUrl ? window.loadURL(source.devUrl) : window.loadFile(source.indexFile)),
    window,
    pageUrl,
    showNear,
    toggle: (anchor) => (window.isVisible() ? window.hide() : showNear(anchor)),
    setPinned(next) {
      pinned = next
      window.setAlwaysOnTop(next)
    },
    isPinned: () => pinned,
  }
}

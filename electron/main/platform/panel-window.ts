/**
 * The frameless panel window: hidden at start (the app starts to the tray only), shown next to the tray,
 * hidden again on blur unless pinned. A user can still close it (Alt+F4, Cmd+W); it is then created again the
 * next time it is needed, so nothing else ever holds a destroyed window. Secure defaults: docs/architecture.md, "Security defaults".
 */
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, type Menu, screen, type WebContents } from 'electron'
import { PRODUCT_NAME } from '../../../shared/product'
import type { PanelView } from '../../../shared/protocol'
import { sendEvent } from './ipc'
import { panelPosition } from './panel-position'
import { hardenContents } from './security'

/** Where the panel page comes from. */
export interface PanelSource {
  preloadPath: string
  /** Dev server URL, or null to load `indexFile`. */
  devUrl: string | null
  indexFile: string
  /** Told when the page cannot be loaded (the app keeps running; the next show tries again). */
  onLoadFailed(error: Error): void
  platform: NodeJS.Platform
  now?: () => number
}

/** The panel and its controls. */
export interface PanelHandle {
  /** The URL the page is loaded from (the IPC guard compares senders against it). */
  pageUrl: string
  /** The live page, or null while no window exists (never a destroyed one). */
  contents(): WebContents | null
  showNear(anchor: Electron.Rectangle | null): void
  toggle(anchor: Electron.Rectangle | null): void
  /** Shows the panel on a view (e.g. `settings`) once the page has loaded: a `panel.show` event, never script. */
  showView(anchor: Electron.Rectangle | null, view: PanelView, chatKeys?: string[]): void
  setPinned(pinned: boolean): void
  isPinned(): boolean
  /** True while the panel is on screen. */
  isVisible(): boolean
  /**
   * `popup` beside the tray, or `window`: an ordinary window with a taskbar entry, for a desktop without a tray
   * (it minimizes instead of closing). A switch builds the window anew; `minimized` puts a new window in the taskbar only.
   */
  setMode(mode: PanelMode, options?: { minimized?: boolean }): void
  mode(): PanelMode
  /** The window's title (the taskbar shows it: "(3) Chat Tray"). */
  setTitle(title: string): void
  /** The window's menu bar (window mode only: it carries the tray's menu). */
  setMenu(menu: Menu | null): void
  /** Asks for attention in the taskbar (window mode) until the window is focused. */
  flash(): void
  /** Creates and loads the window; call after the IPC handler is registered (the page asks for a snapshot at once). */
  load(): Promise<boolean>
}

/** How the panel is shown: beside the tray, or as an ordinary window. */
export type PanelMode = 'popup' | 'window'

const WIDTH = 420
const HEIGHT = 640
/**
 * On Windows and macOS a click on the tray first takes focus from the panel, so its blur hides it before the
 * tray's click arrives; a click this soon after such a hide means "close", not "open again" (as `menubar` does).
 */
export const BLUR_CLICK_GUARD_MS = 300

/** Creates the panel handle; the window itself is created by `load()` or the first show. */
export function createPanel(source: PanelSource): PanelHandle {
  const now = source.now ?? Date.now
  const pageUrl = source.devUrl ?? pathToFileURL(source.indexFile).href
  let window: BrowserWindow | null = null
  let loading: Promise<boolean> | null = null
  let pinned = false
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY
  let mode: PanelMode = 'popup'
  let title = PRODUCT_NAME
  let menu: Menu | null = null
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })

  const create = (): BrowserWindow => {
    const asWindow = mode === 'window'
    const created = new BrowserWindow({
      show: false,
      width: WIDTH,
      height: HEIGHT,
      title,
      frame: asWindow,
      resizable: asWindow,
      skipTaskbar: !asWindow,
      fullscreenable: false,
      alwaysOnTop: pinned,
      webPreferences: {
        preload: source.preloadPath,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    })
    hardenContents(created.webContents, pageUrl)
    // Over full-screen apps and on every desktop, like the tray it belongs to (no effect on Windows). The app is
    // already a UI-element app on macOS (LSUIElement, dock hidden), so skip the process-type switch that would
    // flash the dock icon.
    if (source.platform !== 'win32' && !asWindow)
      created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true })
    // The title is the app's (it carries the waiting count), not the page's <title>.
    created.on('page-title-updated', (event) => event.preventDefault())
    if (asWindow) {
      created.setMenu(menu)
      // Without a tray, closing would leave no way back but the shortcut: a close minimizes (Quit is in the menu).
      created.on('close', (event) => {
        if (quitting) return
        event.preventDefault()
        created.minimize()
      })
    }
    created.on('blur', () => {
      if (asWindow || pinned || !created.isVisible() || created.webContents.isDevToolsOpened()) return
      created.hide()
      hiddenByBlurAt = now()
    })
    created.on('closed', () => {
      if (window !== created) return
      window = null
      loading = null
      // A close can blur the window first; the next click must open a new panel, not count as "close".
      hiddenByBlurAt = Number.NEGATIVE_INFINITY
    })
    return created
  }

  const ensureLoaded = (): { window: BrowserWindow; loaded: Promise<boolean> } => {
    if (!window) window = create()
    const current = window
    if (!loading) {
      const request = source.devUrl ? current.loadURL(source.devUrl) : current.loadFile(source.indexFile)
      const attempt: Promise<boolean> = request.then(
        () => true,
        (error: unknown) => {
          // Forget the failed attempt so the next show loads again.
          if (loading === attempt) loading = null
          source.onLoadFailed(error instanceof Error ? error : new Error(String(error)))
          return false
        },
      )
      loading = attempt
    }
    return { window: current, loaded: loading }
  }

  const showNear = (anchor: Electron.Rectangle | null) => {
    const { window: shown } = ensureLoaded()
    if (mode === 'window') {
      if (shown.isMinimized()) shown.restore()
      shown.show()
      shown.focus()
      return
    }
    const display = anchor ? screen.getDisplayMatching(anchor) : screen.getPrimaryDisplay()
    const { x, y } = panelPosition(anchor, { width: WIDTH, height: HEIGHT }, display.workArea)
    shown.setPosition(x, y, false)
    shown.show()
    shown.focus()
  }

  return {
    pageUrl,
    contents: () => window?.webContents ?? null,
    load: () => ensureLoaded().loaded,
    showNear,
    toggle(anchor) {
      if (mode === 'window' && window?.isVisible() && window.isFocused()) return window.minimize()
      if (mode === 'window') return showNear(anchor)
      if (window?.isVisible()) return window.hide()
      if (now() - hiddenByBlurAt < BLUR_CLICK_GUARD_MS) {
        hiddenByBlurAt = Number.NEGATIVE_INFINITY
        return
      }
      showNear(anchor)
    },
    showView(anchor, view, chatKeys) {
      showNear(anchor)
      const { window: shown, loaded } = ensureLoaded()
      void loaded.then((ok) => {
        if (!ok || shown.isDestroyed()) return
        sendEvent(shown.webContents, chatKeys ? { type: 'panel.show', view, chatKeys } : { type: 'panel.show', view })
      })
    },
    setPinned(next) {
      pinned = next
      window?.setAlwaysOnTop(next)
    },
    isPinned: () => pinned,
    isVisible: () => (window?.isVisible() ?? false) && !(window?.isMinimized() ?? false),
    mode: () => mode,
    setMode(next, options = {}) {
      if (next === mode) return
      mode = next
      const old = window
      window = null
      loading = null
      hiddenByBlurAt = Number.NEGATIVE_INFINITY
      old?.destroy()
      if (next === 'popup') return void ensureLoaded()
      const { window: shown } = ensureLoaded()
      shown.showInactive()
      if (options.minimized) shown.minimize()
    },
    setTitle(next) {
      title = next
      if (window && window.getTitle() !== next) window.setTitle(next)
    },
    setMenu(next) {
      menu = next
      if (mode === 'window') window?.setMenu(next)
    },
    flash() {
      if (mode === 'window' && window && !window.isFocused()) window.flashFrame(true)
    },
  }
}

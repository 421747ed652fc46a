/**
 * The tray icon: one image per state (macOS template images, which the menu bar tints), a tooltip with
 * counts, the waiting count beside the icon on macOS, and the context menu. Click toggles the panel.
 */
import { join } from 'node:path'
import { Menu, nativeImage, Tray } from 'electron'
import { type TrayMenuActions, type TrayMenuView, trayMenuTemplate } from './tray-menu'
import type { TrayState } from './tray-state'

/** What the tray renders at one moment. */
export interface TrayView {
  state: TrayState
  tooltip: string
  title: string
  menu: TrayMenuView
}

/** The live tray. */
export interface TrayHandle {
  update(view: TrayView): void
  bounds(): Electron.Rectangle
  destroy(): void
}

/** macOS states shown as template images (colour means something only off macOS). */
const TEMPLATE_ON_MAC = new Set<TrayState>(['idle', 'dnd', 'offline', 'unread'])

/** Path of the icon for `state` on `platform`. */
export function trayIconPath(iconDir: string, state: TrayState, platform: NodeJS.Platform): string {
  const template = platform === 'darwin' && TEMPLATE_ON_MAC.has(state)
  return join(iconDir, `${state}${template ? 'Template' : ''}.png`)
}

/**
 * Creates the tray. A left click toggles the panel (`onClick`). The menu is the tray's context menu on Linux
 * (required there) and Windows (right click); on macOS a context menu set on the tray would also pop on every
 * left click, so there it is popped on right click only.
 */
export function createTray(iconDir: string, actions: TrayMenuActions, onClick: () => void): TrayHandle {
  const platform = process.platform
  const tray = new Tray(nativeImage.createFromPath(trayIconPath(iconDir, 'idle', platform)))
  let shown: TrayState | null = null
  let menu: Electron.Menu | null = null
  tray.on('click', onClick)
  if (platform === 'darwin') tray.on('right-click', () => menu && tray.popUpContextMenu(menu))
  return {
    update(view) {
      if (view.state !== shown) {
        tray.setImage(nativeImage.createFromPath(trayIconPath(iconDir, view.state, platform)))
        shown = view.state
      }
      tray.setToolTip(view.tooltip)
      if (platform === 'darwin') tray.setTitle(view.title)
      menu = Menu.buildFromTemplate(trayMenuTemplate(view.menu, actions))
      if (platform !== 'darwin') tray.setContextMenu(menu)
    },
    bounds: () => tray.getBounds(),
    destroy: () => tray.destroy(),
  }
}

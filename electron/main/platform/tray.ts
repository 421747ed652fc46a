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

/** Creates the tray. `onClick` toggles the panel; the menu is set on every platform (Linux needs it). */
export function createTray(iconDir: string, actions: TrayMenuActions, onClick: () => void): TrayHandle {
  const tray = new Tray(nativeImage.createFromPath(trayIconPath(iconDir, 'idle', process.platform)))
  let shown: TrayState | null = null
  tray.on('click', onClick)
  return {
    update(view) {
      if (view.state !== shown) {
        tray.setImage(nativeImage.createFromPath(trayIconPath(iconDir, view.state, process.platform)))
        shown = view.state
      }
      tray.setToolTip(view.tooltip)
      if (process.platform === 'darwin') tray.setTitle(view.title)
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(view.menu, actions)))
    },
    bounds: () => tray.getBounds(),
    destroy: () => tray.destroy(),
  }
}

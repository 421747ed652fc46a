/**
 * The tray's stand-in on a desktop without one (linux/tray-host.ts): what the tray would show goes to the panel's
 * window instead — the waiting count in its title ("(3) Chat Tray", which the taskbar shows) and the tray's whole
 * menu in its menu bar.
 */
import { Menu } from 'electron'
import { PRODUCT_NAME } from '../../../shared/product'
import type { PanelHandle } from './panel-window'
import type { TrayHandle } from './tray'
import { type TrayMenuActions, trayMenuTemplate } from './tray-menu'

/** The window's title for a waiting count (the tray view's `title`: the count, or empty when no one waits). */
export function windowTitle(count: string): string {
  return count ? `(${count}) ${PRODUCT_NAME}` : PRODUCT_NAME
}

/** A tray handle that draws into the panel window. */
export function createWindowTray(panel: PanelHandle, actions: TrayMenuActions): TrayHandle {
  return {
    update(view) {
      panel.setTitle(windowTitle(view.title))
      panel.setMenu(Menu.buildFromTemplate([{ label: PRODUCT_NAME, submenu: trayMenuTemplate(view.menu, actions) }]))
    },
    bounds: () => ({ x: 0, y: 0, width: 0, height: 0 }),
    destroy() {
      panel.setMenu(null)
      panel.setTitle(PRODUCT_NAME)
    },
  }
}

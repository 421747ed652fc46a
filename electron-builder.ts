/**
 * Packaging (npm run dist). Linux AppImage + deb, macOS dmg (tray-only: LSUIElement, alert-style
 * notifications so action buttons show), Windows NSIS (the appId doubles as the AppUserModelId that
 * platform/ sets, so toasts are attributed to "Chat Tray"). Icons derive from resources/icon.png.
 * Not buildable on the CI machines (no Electron binary); see README "Packaging".
 */
import type { Configuration } from 'electron-builder'
import { APP_ID, PRODUCT_NAME } from './shared/product'

export { APP_ID }

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**/*', 'package.json'],
  extraResources: [{ from: 'resources', to: 'resources', filter: ['**/*.png', '**/*.wav'] }],
  asar: true,
  icon: 'resources/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network;InstantMessaging',
    synopsis: 'HelpCrunch and DeskDirector chats in your tray',
  },
  deb: { depends: ['libnotify4', 'libappindicator3-1'] },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    extendInfo: {
      LSUIElement: true,
      NSUserNotificationAlertStyle: 'alert',
    },
  },
  dmg: { sign: false },
  win: { target: ['nsis'] },
  nsis: { oneClick: true, perMachine: false, runAfterFinish: true },
  publish: null,
}

export default config

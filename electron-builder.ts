/**
 * Packaging (npm run dist). Linux AppImage + deb, macOS dmg (tray-only: LSUIElement, alert-style
 * notifications so action buttons show), Windows NSIS (the appId doubles as the AppUserModelId that
 * platform/ sets, so toasts are attributed to "Chat Tray"). Icons derive from resources/icon.png.
 * The tests package `--linux dir` offline against a stand-in Electron dist (tests/boot/packaged.ts);
 * real installers need the Electron binary (README "Packaging", docs/desktop-packaging.md).
 */
import type { Configuration } from 'electron-builder'
import { APP_ID, PRODUCT_NAME } from './shared/product'

export { APP_ID }

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  directories: { output: 'dist', buildResources: 'resources' },
  // The app's main, preload and renderer; not the plain-Node hosts (out/hosts: the hub and headless bundle).
  files: ['out/**/*', '!out/hosts/**', 'package.json'],
  extraResources: [{ from: 'resources', to: 'resources', filter: ['**/*.png', '**/*.wav'] }],
  asar: true,
  icon: 'resources/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network;InstantMessaging',
    synopsis: 'HelpCrunch and DeskDirector chats in your tray',
  },
  // No `deb.depends`: a custom list replaces electron-builder's default one (gtk, nss, libnotify, libsecret, …),
  // which installs on Debian 12 as it is (docs/desktop-packaging.md).
  // Electron fuses, flipped in the binary at package time: no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect
  // (each turns the signed app into a general-purpose Node), code only from app.asar, cookies encrypted on disk.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
  },
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

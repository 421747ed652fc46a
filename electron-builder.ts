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

/** The self-hosted update feed built into the installers (a folder with latest-*.yml and the artefacts). */
const UPDATE_URL = process.env.CHAT_TRAY_UPDATE_URL || null
/** The GitHub repository whose releases are the update feed when no generic one is set. */
const GITHUB_OWNER = process.env.CHAT_TRAY_GITHUB_OWNER || 'chat-tray'
const GITHUB_REPO = process.env.CHAT_TRAY_GITHUB_REPO || 'chat-tray'

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  directories: { output: 'dist', buildResources: 'resources' },
  // The app's main, preload and renderer; not the plain-Node hosts (out/hosts: the hub and headless bundle) nor
  // the hub's supervisor board (out/board).
  files: ['out/**/*', '!out/hosts/**', '!out/board/**', 'package.json'],
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
  // Where installed apps look for updates (docs/updates-and-policy.md): the first entry is written into the package
  // as app-update.yml. A self-hosted generic feed when CHAT_TRAY_UPDATE_URL is set at build time, else GitHub
  // releases; a machine policy's `updateUrl` overrides either at run time.
  publish: [
    ...(UPDATE_URL ? [{ provider: 'generic' as const, url: UPDATE_URL }] : []),
    { provider: 'github', owner: GITHUB_OWNER, repo: GITHUB_REPO, releaseType: 'release' },
  ],
}

export default config

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import config from '../../electron-builder'
import { ROOT } from './driver'
import { packagedApp, readFuseWire } from './packaged'

/** Debian 12 package names checked with `apt-cache policy` (docs/desktop-packaging.md). */
const DEBIAN_12 = new Set([
  'libgtk-3-0',
  'libnotify4',
  'libnss3',
  'libxss1',
  'libxtst6',
  'xdg-utils',
  'libatspi2.0-0',
  'libuuid1',
  'libsecret-1-0',
])

describe('the package', () => {
  it('has the fuses flipped: no run-as-node, NODE_OPTIONS or --inspect; app.asar only; cookies encrypted', async () => {
    const { executable } = await packagedApp()
    // FuseV1Options order: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity,
    // OnlyLoadAppFromAsar, BrowserV8Snapshot, GrantFileProtocolExtraPrivileges.
    expect(readFuseWire(executable)).toBe('01000101')
  }, 120_000)

  it('ships every tray icon with its @2x (HiDPI) variant', async () => {
    const { layout } = await packagedApp()
    const tray = join(layout.resourcesPath, 'resources', 'tray')
    for (const state of ['idle', 'unread', 'waiting', 'dnd', 'error', 'offline'])
      for (const name of [state, `${state}Template`]) {
        expect(existsSync(join(tray, `${name}.png`))).toBe(true)
        expect(readFileSync(join(tray, `${name}@2x.png`)).readUInt32BE(16)).toBe(32)
      }
  }, 120_000)

  it('carries its update feed (app-update.yml: GitHub releases unless CHAT_TRAY_UPDATE_URL was set) and cache name', async () => {
    const { layout } = await packagedApp()
    const yml = readFileSync(join(layout.resourcesPath, 'app-update.yml'), 'utf8')
    expect(yml).toMatch(/^provider: (github|generic)$/m)
    expect(yml).toMatch(/^updaterCacheDirName: chat-tray-updater$/m)
  }, 120_000)

  it(".deb depends: electron-builder's defaults (no custom list), each a Debian 12 package", () => {
    expect(config.deb?.depends).toBeUndefined()
    const fpm = readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'out', 'targets', 'FpmTarget.js'), 'utf8')
    const defaults = /case "deb":\s*return (\[[^\]]*\])/.exec(fpm)?.[1]
    expect(defaults).toBeDefined()
    for (const name of JSON.parse(defaults ?? '[]') as string[]) expect(DEBIAN_12.has(name), name).toBe(true)
  })
})

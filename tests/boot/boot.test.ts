import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { APP_ID } from '../../shared/product'
import { IPC_CHANNELS } from '../../shared/protocol'
import { bootToTray, failures, missingFiles, waitForState } from './boot-helpers'
import { type BootedApp, devLayout, type EmulatedPlatform, type Layout, ROOT } from './driver'
import { packagedApp } from './packaged'

const PLATFORMS: EmulatedPlatform[] = ['linux', 'darwin', 'win32']
const layouts: Record<string, () => Promise<Layout>> = {
  dev: async () => devLayout(),
  packaged: async () => (await packagedApp()).layout,
}

let app: BootedApp | null = null
afterEach(async () => {
  await app?.kill()
  app = null
})

describe.each(Object.keys(layouts))('the built main process, %s layout', (layoutName) => {
  it.each(PLATFORMS)(
    'boots on %s to a tray with an image, every referenced file present, no error',
    async (platform) => {
      const layout = await layouts[layoutName]!()
      app = await bootToTray({ layout, platform })
      const state = await waitForState(app, (s) => expect(s.loads.every((l) => l.ok)).toBe(true))
      expect(state.trays[0]?.image?.empty).toBe(false)
      expect(missingFiles(state)).toEqual([])
      expect(failures(state)).toEqual([])
      expect(state.windows.every((w) => !w.visible)).toBe(true)
      expect(state.userModelId).toBe(APP_ID)
      expect(state.dockHidden).toBe(platform === 'darwin' ? true : null)
      expect(state.images.filter((i) => i.path?.includes('/tray/')).every((i) => i.hiDpi)).toBe(true)
      // The page plays these by name (renderer/src/lib/sound.ts); they must ship next to it.
      for (const sound of ['new', 'missed', 'callback', 'default'])
        expect(existsSync(join(layout.appPath, 'out', 'renderer', 'sounds', `${sound}.wav`)), sound).toBe(true)
    },
    120_000,
  )
})

describe('the packaged app at login', () => {
  it.each(PLATFORMS)(
    '%s: "Launch at login" (on by default) really registers the app',
    async (platform) => {
      app = await bootToTray({ layout: (await packagedApp()).layout, platform })
      const state = await app.state()
      if (platform === 'linux') {
        const entry = readFileSync(join(app.userData, 'xdg-config', 'autostart', `${APP_ID}.desktop`), 'utf8')
        expect(entry).toMatch(/^Exec=".+" --hidden$/m)
      } else expect(state.loginItem.openAtLogin).toBe(true)
      expect(failures(state)).toEqual([])
    },
    120_000,
  )
})

describe('an install path with a "#" in it', () => {
  it('still accepts commands from the panel page (its file URL is built with pathToFileURL)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'Chat Tray #1 '))
    cpSync(join(ROOT, 'out'), join(root, 'out'), { recursive: true })
    cpSync(join(ROOT, 'package.json'), join(root, 'package.json'))
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'))
    symlinkSync(join(ROOT, 'resources'), join(root, 'resources'))
    const layout = { ...devLayout(), main: join(root, 'out', 'main', 'index.js'), appPath: root }
    app = await bootToTray({ layout, platform: 'linux' })
    await waitForState(app, (s) => expect(s.loads.at(-1)?.ok).toBe(true))
    const outcome = await app.op<{ ok: boolean }>('invoke', IPC_CHANNELS.command, ['snapshot.get', {}])
    expect(outcome).toMatchObject({ ok: true })
  }, 60_000)
})

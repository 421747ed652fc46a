import { afterEach, describe, expect, it } from 'vitest'
import { APP_ID } from '../../shared/product'
import { bootToTray, failures, missingFiles, waitForState } from './boot-helpers'
import { type BootedApp, devLayout, type EmulatedPlatform, type Layout } from './driver'
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
    },
    120_000,
  )
})

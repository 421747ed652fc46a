import { readFileSync } from 'node:fs'
import { join } from 'node:path'
// app-builder-lib is electron-builder's own engine; its validator is the one `npm run dist` applies.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'
import config, { APP_ID } from '../electron-builder'

const root = join(import.meta.dirname, '..')

describe('packaging configuration', () => {
  it('is found by electron-builder and passes its schema validation', async () => {
    const loaded = await getConfig(root, null, null)
    expect(loaded.appId).toBe(APP_ID)
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('the validator is not a rubber stamp: a wrong field is rejected', async () => {
    await expect(validateConfiguration({ nsis: { oneClick: 'yes' } } as never, new DebugLogger(false))).rejects.toThrow(
      /oneClick/,
    )
  })

  it('builds the promised targets: AppImage + deb, dmg, NSIS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target).toEqual(['nsis'])
  })

  it('is tray-only on macOS with alert-style notifications (action buttons need them)', () => {
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true, NSUserNotificationAlertStyle: 'alert' })
  })

  it('ships the built app only, with an icon large enough for .icns and .ico', () => {
    expect(config.files).toEqual(['out/**/*', '!out/hosts/**', '!out/board/**', 'package.json'])
    const png = readFileSync(join(root, 'resources', 'icon.png'))
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512)
  })
})

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { waitForState } from './boot-helpers'
import { type BootedApp, bootApp, devLayout, type EmulatedPlatform } from './driver'

let app: BootedApp | null = null
afterEach(async () => {
  await app?.kill()
  app = null
})

/** Boots a tiny main module (ESM source) under the stand-in. */
async function bootSource(source: string, platform: EmulatedPlatform = 'linux') {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-stand-in-'))
  writeFileSync(join(dir, 'main.mjs'), source)
  app = await bootApp({ layout: { ...devLayout(), main: join(dir, 'main.mjs') }, platform })
  return app
}

describe('the stand-in electron catches what real Electron would refuse', () => {
  it('APIs that need ready throw before it, and work after', async () => {
    const booted = await bootSource(`
      import { app, Tray, nativeImage } from 'electron'
      try { new Tray(nativeImage.createEmpty()) } catch (e) { globalThis.early = e.message }
      app.whenReady().then(() => new Tray(nativeImage.createEmpty()))
    `)
    const state = await waitForState(booted, (s) => expect(s.trays).toHaveLength(1))
    expect(state.errors).toContainEqual({
      kind: 'before-ready',
      message: 'Tray cannot be used before the app is ready',
    })
  })

  it('a closed window throws "Object has been destroyed"; the throw is recorded as uncaught', async () => {
    const booted = await bootSource(`
      import { app, BrowserWindow } from 'electron'
      app.whenReady().then(() => {
        const win = new BrowserWindow({ show: false })
        win.close()
        setTimeout(() => win.webContents.send('x'), 0)
      })
    `)
    const state = await waitForState(booted, (s) => expect(s.errors.length).toBeGreaterThan(0))
    expect(state.errors[0]?.kind).toBe('uncaughtException')
    expect(state.errors[0]?.message).toContain('Object has been destroyed')
  })

  it.each([
    ['linux', { x: 0, y: 0, width: 0, height: 0 }, []],
    ['win32', { x: 1700, y: 1040, width: 24, height: 40 }, ['Open']],
  ] as const)('%s: tray bounds and toast buttons follow the platform', async (platform, bounds, actions) => {
    const booted = await bootSource(
      `
      import { app, Tray, nativeImage, Notification } from 'electron'
      app.whenReady().then(() => {
        const tray = new Tray(nativeImage.createEmpty())
        tray.setToolTip(JSON.stringify(tray.getBounds()))
        new Notification({ title: 't', body: 'b', actions: [{ type: 'button', text: 'Open' }] }).show()
      })
    `,
      platform,
    )
    const state = await waitForState(booted, (s) => expect(s.toasts).toHaveLength(1))
    expect(JSON.parse(state.trays[0]?.tooltip ?? '{}')).toEqual(bounds)
    expect(state.toasts[0]?.actions).toEqual(actions)
  })

  it('deprecated APIs behave as removed', async () => {
    const booted = await bootSource(`
      import { app, safeStorage } from 'electron'
      app.whenReady().then(() => safeStorage.encryptString('x'))
    `)
    const state = await waitForState(booted, (s) => expect(s.errors.length).toBeGreaterThan(0))
    expect(state.deprecated).toEqual(['safeStorage.encryptString'])
    expect(state.errors[0]?.kind).toBe('unhandledRejection')
  })
})

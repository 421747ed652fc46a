/** Shared steps of the boot tests: boot, wait for the tray, collect what the app referenced. */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, vi } from 'vitest'
import { type BootedApp, type BootOptions, type BootState, bootApp, devLayout, type EmulatedPlatform } from './driver'
import { freePort, listenerHealth, writeListenerSettings } from './settings-file'

/** Boots and waits until the tray exists and the panel page load was attempted. */
export async function bootToTray(options: BootOptions): Promise<BootedApp> {
  const app = await bootApp(options)
  try {
    await vi.waitFor(
      async () => {
        const state = await app.state()
        expect(state.trays).toHaveLength(1)
        // The first tray redraw (tooltip and menu) has happened.
        expect(state.trays[0]?.tooltip).not.toBe('')
        expect(state.loads.length).toBeGreaterThan(0)
      },
      { timeout: 15_000, interval: 50 },
    )
  } catch (error) {
    const state = await app.state().catch(() => null)
    await app.kill()
    throw new Error(`boot did not reach the tray: ${String(error)}\n${JSON.stringify(state?.errors)}\n${app.output()}`)
  }
  return app
}

/** A dev-layout app booted to its tray with the listener answering on `port`. */
export interface ListeningApp {
  app: BootedApp
  port: number
  userData: string
}

/**
 * For a test file: `boot` starts the dev layout in a fresh user-data folder with the listener on a free port
 * and waits for the tray and the listener; `track` adopts an app booted otherwise. Each test's app is killed
 * after it.
 */
export function bootedAppPerTest(): {
  boot(platform: EmulatedPlatform, options?: Partial<BootOptions>): Promise<ListeningApp>
  track(app: BootedApp): void
} {
  let current: BootedApp | null = null
  afterEach(async () => {
    await current?.kill()
    current = null
  })
  return {
    async boot(platform, options = {}) {
      const userData = mkdtempSync(join(tmpdir(), 'chat-tray-boot-'))
      const port = await freePort()
      writeListenerSettings(userData, port)
      const app = await bootToTray({ layout: devLayout(), platform, userData, ...options })
      current = app
      await vi.waitFor(async () => expect(await listenerHealth(port)).toBe(200), { timeout: 15_000, interval: 100 })
      return { app, port, userData }
    },
    track(app) {
      current = app
    },
  }
}

/** Polls `state` until `check` passes (no timing asserted: the timeout only bounds a hang). */
export async function waitForState(
  app: BootedApp,
  check: (state: BootState) => void | Promise<void>,
): Promise<BootState> {
  let last: BootState | null = null
  await vi.waitFor(
    async () => {
      last = await app.state()
      // Awaited: an async check that throws must make waitFor try again, not escape as an unhandled rejection.
      await check(last)
    },
    { timeout: 15_000, interval: 50 },
  )
  return last as unknown as BootState
}

/** Every file path the app handed to Electron: images, page and preload, opened paths. */
export function referencedFiles(state: BootState): string[] {
  const files = new Set<string>()
  for (const image of state.images) if (image.path) files.add(image.path)
  for (const load of state.loads) {
    if (load.url.startsWith('file:')) files.add(fileURLToPath(load.url))
    if (load.preload) files.add(load.preload)
  }
  for (const opened of state.opened) if (opened.kind === 'path') files.add(opened.target)
  return [...files]
}

/** Files referenced but missing. */
export function missingFiles(state: BootState): string[] {
  return referencedFiles(state).filter((file) => !existsSync(file))
}

/** The app's unexpected failures: uncaught, unhandled, used before ready, preload missing. */
export function failures(state: BootState): string[] {
  return state.errors.map((e) => `${e.kind}: ${e.message}`)
}

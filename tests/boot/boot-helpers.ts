/** Shared steps of the boot tests: boot, wait for the tray, collect what the app referenced. */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, vi } from 'vitest'
import { type BootedApp, type BootOptions, type BootState, bootApp } from './driver'

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

/** Polls `state` until `check` passes (no timing asserted: the timeout only bounds a hang). */
export async function waitForState(app: BootedApp, check: (state: BootState) => void): Promise<BootState> {
  let last: BootState | null = null
  await vi.waitFor(
    async () => {
      last = await app.state()
      check(last)
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

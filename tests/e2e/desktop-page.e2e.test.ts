import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import react from '@vitejs/plugin-react'
import type { BrowserContext, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { devCspPlugin } from '../../electron/dev/dev-csp'
import { bootToTray } from '../boot/boot-helpers'
import { type BootedApp, devLayout, ROOT } from '../boot/driver'
import { freePort } from '../boot/settings-file'
import { openAppPage } from './desktop-page'
import { e2eAvailable, launchChromium, serveRenderer } from './harness'

const run = e2eAvailable()
let context: BrowserContext
let app: BootedApp | null = null
const closers: (() => Promise<void>)[] = []

beforeAll(async () => {
  if (run) ({ context } = await launchChromium())
})
afterEach(async () => {
  await app?.kill()
  app = null
  for (const close of closers.splice(0)) await close()
})
afterAll(async () => {
  if (run) await context.close()
})

/** The page is styled by styles.css: margin reset, the theme background, the app font. */
async function styled(page: Page) {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { body: unknown }
      getComputedStyle(e: unknown): { margin: string; backgroundColor: string }
    }
    const body = g.getComputedStyle(g.document.body)
    return { margin: body.margin, background: body.backgroundColor }
  })
}

async function bootApp(env: Record<string, string> = {}) {
  app = await bootToTray({
    layout: devLayout(),
    platform: 'linux',
    userData: mkdtempSync(join(tmpdir(), 'chat-tray-page-')),
    env,
  })
  return app
}

/** A Vite dev server for the renderer, as `npm start` runs it (with or without the dev CSP). */
async function devServer(withDevCsp: boolean): Promise<string> {
  const port = await freePort()
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: join(ROOT, 'renderer'),
    logLevel: 'silent',
    plugins: withDevCsp ? [react(), devCspPlugin()] : [react()],
    server: { host: '127.0.0.1', port, strictPort: true, hmr: { host: '127.0.0.1' } },
  })
  await server.listen()
  closers.push(() => server.close())
  return `http://127.0.0.1:${port}/`
}

describe.skipIf(!run)('the panel page against the real main process', () => {
  it('built: loads with the strict CSP and no violation, styled, and shows the main process’s data', async () => {
    const served = await serveRenderer()
    closers.push(served.close)
    const booted = await bootApp()
    const { page, report } = await openAppPage(context, served.url, booted)
    await page
      .getByText(/Nothing is connected yet|No one is waiting/i)
      .first()
      .waitFor({ timeout: 15_000 })
    expect(await styled(page)).toMatchObject({ margin: '0px' })
    expect(await report.violations()).toEqual([])
    expect(report.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([])
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(csp).toContain("style-src 'self';")
    expect(csp).not.toContain('unsafe-inline')
  })

  it('dev server (npm start): the dev CSP lets Vite’s styles in; without it they are blocked', async () => {
    const url = await devServer(true)
    const booted = await bootApp({ ELECTRON_RENDERER_URL: url })
    await booted.state()
    const { page, report } = await openAppPage(context, url, booted)
    await page
      .getByText(/Nothing is connected yet|No one is waiting/i)
      .first()
      .waitFor({ timeout: 30_000 })
    expect(await styled(page)).toMatchObject({ margin: '0px' })
    expect(await report.violations()).toEqual([])

    const strict = await devServer(false)
    const blocked = await openAppPage(context, strict, booted)
    await blocked.page.waitForLoadState('load')
    await expect
      .poll(() => blocked.report.violations(), { timeout: 15_000 })
      .toContainEqual(expect.stringMatching(/^style-src/))
  }, 90_000)
})

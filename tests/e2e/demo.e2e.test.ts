import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoRuntime } from '../../electron/core/demo/demo-runtime'
import { silentLogger } from '../../electron/core/engine/log'
import type { BuiltRuntime } from '../../electron/core/runtime/start'
import { defaultSettings } from '../../shared/settings'
import { e2eAvailable, launchChromium, openPanel, ROOT, serveRenderer } from './harness'

const ARTIFACTS = join(ROOT, 'test-artifacts')
/** The demo's screenshot; rewritten only with CHAT_TRAY_UPDATE_SCREENSHOT=1 (live times change every run). */
const README_SCREENSHOT = join(ROOT, 'tests', 'e2e', 'screenshots', 'panel-demo.png')
const KINDS = ['new', 'missed', 'callback', 'still-waiting'] as const

// Skipped only when Debian chromium or the built renderer is missing (`npm test` builds first).
describe.skipIf(!e2eAvailable())('demo mode in the panel (chromium, real demo runtime)', () => {
  let server: Awaited<ReturnType<typeof serveRenderer>>
  let context: BrowserContext
  let demo: BuiltRuntime

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await serveRenderer()
    context = (await launchChromium()).context
    // Built exactly as the app builds it when demo is switched on: prepareDemo, memory ports, real sources, play.
    const base = defaultSettings()
    base.listener.port = 0
    base.app.onboarded = true
    demo = await buildDemoRuntime({ base, log: silentLogger, version: 'e2e', stateDir: null })
    const { listen } = await demo.runtime.start()
    demo.started?.(listen)
  })
  afterAll(async () => {
    await context?.close()
    await server?.close()
    await demo?.runtime.stop()
    await demo?.dispose?.()
  })

  // The scenario shows all four within about 21 s on an idle machine; the wait is generous because timing is not
  // what this test asserts (a loaded CI machine can take twice as long).
  it('shows the demo banner and a new, missed, callback and still-waiting alert', async () => {
    const { page } = await openPanel(context, server.url, demo.runtime, 'light')
    const banner = page.getByRole('region', { name: 'Demo data' })
    await banner.waitFor()
    expect(await banner.getByRole('button', { name: 'Leave demo' }).isVisible()).toBe(true)

    await page.getByRole('button', { name: 'Alerts', exact: false }).click()
    const feed = page.getByRole('list', { name: 'Recent alerts' })
    for (const kind of KINDS) await feed.locator(`.badge.kind-${kind}`).first().waitFor({ timeout: 60_000 })
    expect(await banner.isVisible()).toBe(true)

    // The panel as the README shows it: demo chats grouped, a callback with its number, the banner on top.
    await page.getByRole('button', { name: 'Chats', exact: true }).click()
    await page.locator('li[data-key]').first().waitFor()
    // A little taller than the test window, so the Active group (HelpCrunch chats) shows too.
    await page.setViewportSize({ width: 420, height: 760 })
    const path = join(ARTIFACTS, 'panel-demo-light.png')
    await page.screenshot({ path })
    if (process.env.CHAT_TRAY_UPDATE_SCREENSHOT === '1') copyFileSync(path, README_SCREENSHOT)
    await page.close()
  }, 120_000)

  it('runs "Check my setup" against the simulated help desks and lists each verdict in words', async () => {
    const { page } = await openPanel(context, server.url, demo.runtime, 'light')
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByText('You are looking at demo data', { exact: false }).waitFor()
    // Connections are folded while every source works; the section link unfolds them.
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'Diagnostics' })
      .click()
    await page.getByRole('button', { name: 'Check my setup' }).click()
    const checks = page.getByRole('list', { name: 'Setup checks' }).getByRole('listitem')
    await checks.first().waitFor()
    const lines = await checks.allTextContents()
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.some((line) => line.startsWith('✓ Pass'))).toBe(true)
    expect(lines.every((line) => /^(✓ Pass|! Warning|✗ Failed|– Skipped)/.test(line))).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'settings-check-demo-light.png') })
    await page.close()
  })
})

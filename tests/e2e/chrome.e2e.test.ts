/**
 * The panel's chrome in Chromium on a real runtime, driven by the keyboard alone: the DND pill reaches the
 * engine, "Set up" in the health strip lands focused and visible on the field, and each view keeps its scroll.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../electron/main/runtime/runtime'
import { e2eAvailable, launchChromium, openPanel, serveRenderer, startRuntime } from './harness'
import { ingestSixtyChats } from './sixty-chats'

/** Presses Tab until `name` has focus (at most 40 stops); fails when it never does. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(
      "document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''",
    )
    if (name.test(String(focused))) return
  }
  throw new Error(`Tab never reached ${name}`)
}

describe.skipIf(!e2eAvailable())('panel chrome in chromium (keyboard only)', () => {
  let server: Awaited<ReturnType<typeof serveRenderer>>
  let context: BrowserContext
  const runtimes: Runtime[] = []
  const runtime = async () => {
    const started = await startRuntime()
    runtimes.push(started.runtime)
    return started.runtime
  }

  beforeAll(async () => {
    server = await serveRenderer()
    context = (await launchChromium()).context
  })
  afterAll(async () => {
    await context?.close()
    await server?.close()
    for (const r of runtimes) await r.stop()
  })

  it('turns do-not-disturb on and off from the header pill', async () => {
    const rt = await runtime()
    const { page } = await openPanel(context, server.url, rt)
    await page.getByRole('button', { name: 'DND (do not disturb)' }).waitFor()
    await tabTo(page, /^DND \(do not disturb\)$/)
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: /^DND until .* \(do not disturb\)$/, pressed: true }).waitFor()
    expect(rt.alerts.dndUntil()).toBeGreaterThan(Date.now() + 59 * 60_000)
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'DND (do not disturb)', pressed: false }).waitFor()
    expect(rt.alerts.dndUntil()).toBeNull()
    await page.close()
  })

  it('"Set up" in the health strip lands on the field, focused and in view', async () => {
    const rt = await runtime()
    const { page } = await openPanel(context, server.url, rt)
    await page.getByRole('region', { name: 'Source health' }).waitFor()
    await tabTo(page, /^Set up$/)
    const line = await page.evaluate("document.activeElement?.closest('li')?.textContent ?? ''")
    await page.keyboard.press('Enter')
    await page.getByRole('form', { name: 'Settings' }).waitFor()
    const expected = String(line).startsWith('HelpCrunch')
      ? 'setting-helpcrunch-apiKey'
      : 'setting-deskdirector-secrets'
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(expected)
    const box = await page.locator(`#${expected}`).boundingBox()
    expect(box && box.y >= 0 && box.y + box.height <= 640).toBe(true)
    await page.close()
  })

  it('keeps the list scroll position while Settings is open', async () => {
    const rt = await runtime()
    ingestSixtyChats(rt)
    const { page } = await openPanel(context, server.url, rt)
    await page.locator('li[data-key]').nth(59).waitFor({ state: 'attached' })
    await page.locator('main').evaluate((main) => {
      main.scrollTop = 1500
    })
    await expect.poll(() => page.locator('main').evaluate((main) => main.scrollTop)).toBe(1500)
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('form', { name: 'Settings' }).waitFor()
    expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(0)
    await page.getByRole('button', { name: 'Chats', exact: true }).click()
    await page.locator('li[data-key]').first().waitFor()
    expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(1500)
    await page.close()
  })
})

/**
 * The panel's chrome in Chromium on a real runtime, driven by the keyboard alone: the DND pill reaches the
 * engine, "Set up" in the health strip lands focused and visible on the field, and each view keeps its scroll.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, useBrowserSuite } from './harness'
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
  const suite = useBrowserSuite()
  const runtime = async () => (await suite.runtime()).runtime

  it('turns do-not-disturb on for a chosen duration and off from the header pill', async () => {
    const rt = await runtime()
    const { page } = await openPanel(suite.context, suite.server.url, rt)
    await page.getByRole('button', { name: 'DND (do not disturb)' }).waitFor()
    await tabTo(page, /^DND \(do not disturb\)$/)
    await page.keyboard.press('Enter')
    await page.getByRole('menu', { name: 'Do not disturb' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: /^DND until .* \(do not disturb\)$/, pressed: true }).waitFor()
    expect(rt.alerts.dndUntil()).toBeGreaterThan(Date.now() + 59 * 60_000)
    await page.keyboard.press('Enter')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'DND (do not disturb)', pressed: false }).waitFor()
    expect(rt.alerts.dndUntil()).toBeNull()
    await page.close()
  })

  it('with nothing connected the strip stays empty, and "Connect a help desk" lands on the first key, focused and in view', async () => {
    const rt = await runtime()
    const { page } = await openPanel(suite.context, suite.server.url, rt)
    await page.getByRole('heading', { name: 'Nothing is connected' }).waitFor()
    expect(await page.getByRole('region', { name: 'Source health' }).count()).toBe(0)
    await tabTo(page, /^Connect a help desk$/)
    await page.keyboard.press('Enter')
    await page.getByRole('form', { name: 'Settings' }).waitFor()
    // The first source not set up, in the registry's order: its credential field.
    await expect
      .poll(() => page.evaluate('document.activeElement?.id'))
      .toMatch(/^setting-(helpcrunch-apiKey|deskdirector-secrets)$/)
    const expected = (await page.evaluate('document.activeElement?.id')) as string
    const box = await page.locator(`#${expected}`).boundingBox()
    expect(box && box.y >= 0 && box.y + box.height <= 640).toBe(true)
    await page.close()
  })

  it('keeps the list scroll position while Settings is open', async () => {
    const rt = await runtime()
    ingestSixtyChats(rt)
    const { page } = await openPanel(suite.context, suite.server.url, rt)
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

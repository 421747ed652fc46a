/**
 * The panel screenshots of docs/desktop-app.md: the 60-chat list at the panel's size (420×640), light and dark, on a real
 * runtime. Always written to test-artifacts/; copied into tests/e2e/screenshots/ only with
 * CHAT_TRAY_UPDATE_SCREENSHOT=1 (live waiting times change every run, so the repo copy changes on purpose only).
 */
import { copyFileSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, ROOT, startRuntime, useBrowserSuite } from './harness'
import { ingestSixtyChats } from './sixty-chats'

const ARTIFACTS = join(ROOT, 'test-artifacts')
const REPO_SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots')

describe.skipIf(!e2eAvailable())('panel screenshots with 60 chats (chromium, 420×640)', () => {
  const suite = useBrowserSuite()

  for (const theme of ['light', 'dark'] as const) {
    it(`takes the ${theme} screenshot`, async () => {
      // DeskDirector configured (its chats are on screen); HelpCrunch left to set up.
      const { runtime } = await startRuntime(() => {}, {
        'deskdirector.secrets': 'screenshot-webhook-secret-0123456789',
      })
      suite.track(runtime)
      ingestSixtyChats(runtime)
      const { page } = await openPanel(suite.context, suite.server.url, runtime, theme)
      await page.locator('li[data-key]').nth(59).waitFor({ state: 'attached' })
      // The alerts the 60 chats raise arrive after the batch window: wait for the tab's count.
      await page.locator('.tab-badge').waitFor()
      // Chromium names the tab with a space between word and count ("Alerts 1 unseen", not "Alerts1 unseen").
      expect(await page.getByRole('button', { name: /^Alerts \d+ unseen$/ }).count()).toBe(1)
      const name = `panel-60-chats-${theme}.png`
      const path = join(ARTIFACTS, name)
      await page.screenshot({ path })
      // The header's controls fit on one line at the panel's width.
      const header = await page.locator('.panel-header').boundingBox()
      expect(header?.height).toBeLessThan(50)
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420)
      // …also with do-not-disturb on, the widest state of the pill.
      await page.getByRole('button', { name: 'DND (do not disturb)' }).click()
      await page.getByRole('button', { name: /^DND until/ }).waitFor()
      expect((await page.locator('.panel-header').boundingBox())?.height).toBeLessThan(50)
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420)
      expect(statSync(path).size).toBeGreaterThan(10_000)
      if (process.env.CHAT_TRAY_UPDATE_SCREENSHOT === '1') copyFileSync(path, join(REPO_SCREENSHOTS, name))
      expect(existsSync(join(REPO_SCREENSHOTS, name)), `${name} is missing from the repo`).toBe(true)
      await page.close()
    })
  }
})

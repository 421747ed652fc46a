/**
 * The panel screenshots of the README and docs/desktop-app.md: a busy list from both help desks at the panel's size
 * (420×640), light and dark, on a real runtime — 20 HelpCrunch chats from a fake HelpCrunch over HTTP (waiting ones
 * counting down, mine where I spoke last, a colleague's) and 40 DeskDirector chats. Always written to
 * test-artifacts/; copied into tests/e2e/screenshots/ (the light one also as the README's main `panel.png`) only
 * with CHAT_TRAY_UPDATE_SCREENSHOT=1 (live times change every run, so the repo copy changes on purpose only).
 */
import { copyFileSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import { e2eAvailable, openPanel, ROOT, startRuntime, useBrowserSuite } from './harness'
import { ingestSixtyChats } from './sixty-chats'

const KEY = 'hc-e2e-key-screenshots-0001'
const NAMES = ['Hana Novak', 'Oskar Lind', 'Priya Shah', 'Jonas Weber', 'Elif Kaya', 'Marta Ruiz', 'Sven Olsen']

/** A fake HelpCrunch with 20 chats: 8 waiting (just written to overdue), 8 of mine (I spoke last on some), 4 a colleague's. */
async function helpCrunchWithChats() {
  const fake = createFakeHelpCrunch({ apiKey: KEY })
  const now = Math.floor(Date.now() / 1000)
  for (let i = 0; i < 20; i++) {
    const waiting = i < 8
    const ago = waiting ? 8 + i * 37 : 300 + i * 120
    const iSpokeLast = !waiting && i % 2 === 0
    fake.db.addChat({
      status: waiting ? 'new' : 'opened',
      createdAt: now - ago - 60,
      lastCustomerMessageAt: now - ago,
      lastMessageAt: iSpokeLast ? now - ago + 40 : now - ago,
      lastMessageText: iSpokeLast ? 'I have sent you the corrected invoice' : `Hi, question ${i} about my order`,
      assignee: waiting ? null : i < 16 ? 4188 : 4200,
      customer: {
        id: 9_500_000 + i,
        name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${i}` : ''}`,
        email: null,
        userId: null,
      },
    })
  }
  return { fake, apiUrl: await fake.listen() }
}

const ARTIFACTS = join(ROOT, 'test-artifacts')
const REPO_SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots')

describe.skipIf(!e2eAvailable())('panel screenshots with 60 chats (chromium, 420×640)', () => {
  const suite = useBrowserSuite()

  for (const theme of ['light', 'dark'] as const) {
    it(`takes the ${theme} screenshot`, async () => {
      // Both help desks connected: HelpCrunch polled over HTTP, DeskDirector's webhook chats ingested.
      const { fake, apiUrl } = await helpCrunchWithChats()
      const { runtime } = await startRuntime(
        (s) => {
          s.helpcrunch.apiUrl = apiUrl
          s.helpcrunch.pollSeconds = 300
          s.helpcrunch.agentId = '4188'
        },
        { 'helpcrunch.apiKey': KEY, 'deskdirector.secrets': 'screenshot-webhook-secret-0123456789' },
      )
      suite.track(runtime)
      await runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
      ingestSixtyChats(runtime, 40, 23_000)
      const { page } = await openPanel(suite.context, suite.server.url, runtime, theme)
      await page.locator('li[data-key]').nth(59).waitFor({ state: 'attached' })
      expect(await page.locator('li[data-key^="helpcrunch:"]').count()).toBe(20)
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
      // With do-not-disturb on (the widest pill) the controls wrap to a second line rather than off the edge.
      await page.getByRole('button', { name: 'DND (do not disturb)' }).click()
      await page.getByRole('menuitem', { name: /^1 hour/ }).click()
      await page.getByRole('button', { name: /^DND until/ }).waitFor()
      expect((await page.locator('.panel-header').boundingBox())?.height).toBeLessThan(80)
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420)
      for (const box of await page
        .locator('.panel-header button')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right)))
        expect(box).toBeLessThanOrEqual(420)
      expect(statSync(path).size).toBeGreaterThan(10_000)
      if (process.env.CHAT_TRAY_UPDATE_SCREENSHOT === '1') {
        copyFileSync(path, join(REPO_SCREENSHOTS, name))
        if (theme === 'light') copyFileSync(path, join(REPO_SCREENSHOTS, 'panel.png'))
      }
      expect(existsSync(join(REPO_SCREENSHOTS, name)), `${name} is missing from the repo`).toBe(true)
      await page.close()
      await fake.close()
    })
  }
})

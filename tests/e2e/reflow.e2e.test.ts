/**
 * Reflow at 150 % and 200 % zoom (issue 19). The panel window cannot be resized, so zoom is how a low-vision agent
 * reads it: 420×640 device pixels become 280×427 and 210×320 CSS pixels. At both, with 60 chats and DND on (the
 * widest header), nothing scrolls sideways, every header control is on screen and reached by Tab, names keep their
 * room before badges do, and the snooze popover and DND menu open inside the window. Chromium, real runtime.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, useBrowserSuite } from './harness'
import { ingestSixtyChats } from './sixty-chats'

const ZOOMS = [
  { zoom: '150 %', width: 280, height: 427 },
  { zoom: '200 %', width: 210, height: 320 },
] as const

/** Asserts `locator`'s box lies inside the viewport. */
async function inside(page: Page, selector: string, what: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 }
  const boxes = await page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect()
      return {
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
        name: el.getAttribute('aria-label') ?? el.textContent,
      }
    }),
  )
  expect(boxes.length, `${what}: none found`).toBeGreaterThan(0)
  for (const b of boxes) {
    expect(b.left, `${what} "${b.name}" left`).toBeGreaterThanOrEqual(0)
    expect(b.right, `${what} "${b.name}" right`).toBeLessThanOrEqual(width + 0.5)
    expect(b.top, `${what} "${b.name}" top`).toBeGreaterThanOrEqual(0)
    expect(b.bottom, `${what} "${b.name}" bottom`).toBeLessThanOrEqual(height + 0.5)
  }
}

/** Names of the first 12 controls Tab reaches from the top of the page. */
async function tabNames(page: Page): Promise<string[]> {
  // Start from the page's heading, above every control.
  await page.locator('h1').evaluate((h) => {
    h.tabIndex = -1
    h.focus()
    h.removeAttribute('tabindex')
  })
  const names: string[] = []
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    const name = (await page.evaluate(
      "(() => { const el = document.activeElement; return el && el !== document.body ? (el.getAttribute('aria-label') || el.textContent || '').trim() : null })()",
    )) as string | null
    if (name === null) break
    names.push(name)
  }
  return names
}

describe.skipIf(!e2eAvailable())('reflow at 150 % and 200 % zoom (chromium)', () => {
  const suite = useBrowserSuite()

  for (const { zoom, width, height } of ZOOMS)
    it(`at ${zoom} (${width}×${height} CSS px) every header control is reachable and nothing is cut`, async () => {
      const { runtime } = await suite.runtime()
      ingestSixtyChats(runtime)
      const { page } = await openPanel(suite.context, suite.server.url, runtime, 'light', {
        // The desktop shell can pin the panel: the pin button is part of the header too.
        host: { 'panel.pin': () => ({ pinned: false }) },
      })
      await page.setViewportSize({ width, height })
      await expect.poll(() => page.locator('.chat-row').count()).toBe(60)
      // DND on (set through main, as the tray does): its pill is the widest header control.
      await runtime.engine.dispatcher.runUntrusted('dnd.set', { until: Date.now() + 3_600_000 })
      await page.evaluate("window.dispatchEvent(new Event('focus'))")
      await page.getByRole('button', { name: /^DND until/ }).waitFor()

      // No sideways scrolling anywhere.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width)
      expect(await page.locator('main').evaluate((m) => m.scrollWidth - m.clientWidth)).toBeLessThanOrEqual(0)

      // Every header control on screen, and on the Tab path.
      const controls = '.panel-header nav button, .panel-header .header-tools button'
      expect(await page.locator(controls).count()).toBe(6)
      await inside(page, controls, 'header control')
      const reached = await tabNames(page)
      for (const name of ['Chats', 'Alerts', 'Settings', 'Refresh all sources', 'Keep panel open'])
        expect(
          reached.some((n) => n.startsWith(name)),
          `Tab reaches ${name}: ${reached.join(' | ')}`,
        ).toBe(true)
      expect(reached.some((n) => /^DND until .* \(do not disturb\)$/.test(n))).toBe(true)

      // Names keep room: on every row in view the name is wider than its state badge and at least a few letters.
      const rows = await page.locator('.chat-row').evaluateAll((els) =>
        els.slice(0, 20).map((row) => ({
          name: row.querySelector('.customer')?.getBoundingClientRect().width ?? 0,
          badge: row.querySelector('.row-badges')?.getBoundingClientRect().width ?? 0,
          time: row.querySelector('.reply-time')?.getBoundingClientRect().right ?? 0,
        })),
      )
      for (const r of rows) {
        expect(r.name).toBeGreaterThanOrEqual(40)
        expect(r.name).toBeGreaterThanOrEqual(r.badge)
        expect(r.time).toBeLessThanOrEqual(width)
      }

      // Popovers open inside the window: the DND menu, and a row's snooze popover.
      await page.getByRole('button', { name: /^DND until/ }).click()
      await inside(page, '.dnd-menu', 'DND menu')
      await page.keyboard.press('Escape')
      const row = page.locator('.chat-row').first()
      await row.focus()
      await page.keyboard.press('s')
      await page.getByRole('dialog', { name: /^Snooze / }).waitFor()
      // It scrolls itself into view once drawn.
      await expect
        .poll(() => page.locator('.chat-row .snooze-menu').evaluate((el) => el.getBoundingClientRect().bottom))
        .toBeLessThanOrEqual(height + 0.5)
      await inside(page, '.chat-row .snooze-menu', 'snooze popover')
      await page.screenshot({ path: `test-artifacts/reflow-${width}.png` })
      await page.close()
    })
})

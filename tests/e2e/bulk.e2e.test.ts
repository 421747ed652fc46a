/**
 * Bulk actions apply at once and report once (issue 19), in Chromium on a real runtime polling a fake HelpCrunch
 * over HTTP with the default budget (60 requests/minute for this desktop): "Snooze all" on 24 waiting chats moves
 * every row at once, the requests go out together and what the app's own pacing holds back is sent again, and
 * one result says what happened — never "HelpCrunch is limiting requests" when HelpCrunch refused nothing.
 * Undo works the same way; a part that really failed is offered as "Retry N".
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, useBrowserSuite, useFakeHelpCrunch } from './harness'

const KEY = 'hc-e2e-key-bulk-0001'
const COUNT = 24

const rowsIn = (page: Page, group: string) => page.getByRole('list', { name: group }).locator('.chat-row')

describe.skipIf(!e2eAvailable())('bulk snooze of 24 chats (chromium)', () => {
  const suite = useBrowserSuite()
  const hc = useFakeHelpCrunch(suite, KEY, {
    seed: (fake) => {
      const now = Math.floor(Date.now() / 1000)
      for (let i = 0; i < COUNT; i++)
        fake.db.addChat({
          status: 'new',
          createdAt: now - 60 * (i + 1),
          lastCustomerMessageAt: now - 60 * (i + 1),
          lastMessageAt: now - 60 * (i + 1),
          lastMessageText: `Question ${i}`,
          assignee: null,
          customer: { id: 9_400_000 + i, name: `Bulk Customer ${i}`, email: null, userId: null },
        })
    },
    configure: (s) => {
      s.helpcrunch.pollSeconds = 300
      s.helpcrunch.agentId = '4188'
    },
  })

  it('snoozes all 24 in one round: rows move at once, one result, no blame on HelpCrunch; Undo likewise', async () => {
    const { runtime, fake } = hc
    await runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    const { page } = await openPanel(suite.context, suite.server.url, runtime)
    await expect.poll(() => rowsIn(page, 'Waiting').count()).toBe(COUNT)
    const snoozedInStore = () => runtime.engine.store.all().filter((c) => (c.snoozedUntil ?? 0) > Date.now()).length
    const requestsBefore = fake.log.length
    const started = Date.now()
    await page.getByRole('button', { name: /^Snooze all 24 waiting chats/ }).click()
    await page
      .getByRole('dialog', { name: 'Snooze all 24 waiting chats' })
      .getByRole('button', { name: /^1 hour/ })
      .click()
    // At once: every row is in Snoozed while most answers are still on their way.
    await expect.poll(() => rowsIn(page, 'Snoozed').count()).toBe(COUNT)
    expect(snoozedInStore()).toBeLessThan(COUNT)
    expect(await rowsIn(page, 'Waiting').count()).toBe(0)
    // One result, once every chat is snoozed at HelpCrunch.
    const result = page.locator('.undo-bar')
    await result.getByText(/^Snoozed 24 waiting chats until /).waitFor({ timeout: 90_000 })
    const tookMs = Date.now() - started
    process.stdout.write(`bulk snooze of ${COUNT}: ${tookMs} ms, ${fake.log.length - requestsBefore} requests\n`)
    expect(snoozedInStore()).toBe(COUNT)
    expect(fake.log.slice(requestsBefore).every((r) => r.status === 200)).toBe(true)
    expect(await page.getByText(/limiting requests/).count()).toBe(0)
    expect(await page.locator('.chat-row .row-error').count()).toBe(0)

    // Undo brings all of them back together, and focus back to a row.
    await result.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => rowsIn(page, 'Waiting').count()).toBe(COUNT)
    await expect.poll(() => snoozedInStore(), { timeout: 90_000 }).toBe(0)
    await expect.poll(() => page.evaluate("document.activeElement?.classList.contains('chat-row')")).toBe(true)
    expect(await page.getByText(/limiting requests/).count()).toBe(0)
    expect(await page.locator('.undo-bar.failed').count()).toBe(0)
    await page.close()
  }, 240_000)

  it('says "22 of 24 snoozed" when HelpCrunch refuses two, and "Retry 2" snoozes the rest', async () => {
    const { runtime, fake } = hc
    const { page } = await openPanel(suite.context, suite.server.url, runtime)
    await expect.poll(() => rowsIn(page, 'Waiting').count()).toBe(COUNT)
    fake.faults.queue.push('server-error', 'server-error')
    await page.getByRole('button', { name: /^Snooze all 24 waiting chats/ }).click()
    await page
      .getByRole('dialog', { name: 'Snooze all 24 waiting chats' })
      .getByRole('button', { name: /^1 hour/ })
      .click()
    const result = page.locator('.undo-bar.failed')
    await result.waitFor({ timeout: 90_000 })
    expect(await result.locator('.undo-message').textContent()).toMatch(
      /^22 of 24 snoozed until .*\. HelpCrunch had a problem on its side\.$/,
    )
    // The two that failed are back where they were; the 22 stay snoozed.
    await expect.poll(() => rowsIn(page, 'Waiting').count()).toBe(2)
    await result.getByRole('button', { name: 'Retry 2' }).click()
    await page
      .locator('.undo-bar')
      .getByText(/^Snoozed 2 waiting chats until /)
      .waitFor({ timeout: 30_000 })
    await expect.poll(() => rowsIn(page, 'Snoozed').count()).toBe(COUNT)
    await page.close()
  }, 240_000)
})

import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, useBrowserSuite, useFakeHelpCrunch } from './harness'

const KEY = 'hc-e2e-key-0001'

// Skipped only when Debian chromium or the built renderer is missing (`npm test` builds first).
describe.skipIf(!e2eAvailable())('HelpCrunch quick actions from the panel (fake HelpCrunch over HTTP)', () => {
  const suite = useBrowserSuite()
  const hc = useFakeHelpCrunch(suite, KEY, {
    configure: (s) => {
      s.helpcrunch.pollSeconds = 5
    },
  })

  it('snoozes a HelpCrunch chat: the request reaches the server and the row moves to Snoozed', async () => {
    const chat = hc.fake.db.addChat({ status: 'new' })
    await hc.runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    const { page } = await openPanel(suite.context, suite.server.url, hc.runtime)
    const row = page.getByRole('list', { name: 'Waiting' }).locator(`li[data-key="helpcrunch:${chat.id}"]`)
    await row.waitFor()
    await row.hover()
    await row.getByRole('button', { name: 'Snooze', exact: true }).click()
    await page
      .getByRole('dialog', { name: /^Snooze / })
      .getByRole('button', { name: /^15 minutes/ })
      .click()
    await page.getByRole('list', { name: 'Snoozed' }).locator(`li[data-key="helpcrunch:${chat.id}"]`).waitFor()
    expect(hc.fake.log.filter((e) => e.method === 'PUT' && e.path === '/chats/snooze').at(-1)?.status).toBe(200)
    expect(chat.snoozedUntil).toBeGreaterThan(Date.now() / 1000)
    await page.close()
  })

  it('shows the reason when the server refuses an action', async () => {
    const chat = hc.fake.db.addChat({ status: 'new' })
    await hc.runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    const { page } = await openPanel(suite.context, suite.server.url, hc.runtime)
    const row = page.locator(`li[data-key="helpcrunch:${chat.id}"]`)
    await row.waitFor()
    hc.fake.db.delete(chat.id)
    // Assign to me is in the row menu (the hover bar keeps Take, Open and Snooze, so names keep their room).
    await row.click({ button: 'right' })
    await page.getByRole('menuitem', { name: /^Assign to me/ }).click()
    const error = page.getByRole('alert').first()
    await error.waitFor()
    expect(await error.textContent()).toMatch(/^Couldn't assign\. /)
    await page.close()
  })

  it('lists the agents in settings and tests the connection', async () => {
    const { page } = await openPanel(suite.context, suite.server.url, hc.runtime)
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('button', { name: 'Test connection' }).click()
    await page.getByText(/^connected to HelpCrunch/).waitFor()
    const picker = page.getByLabel('I am')
    await picker.waitFor()
    const options = await picker.locator('option').allTextContents()
    expect(options.length).toBeGreaterThan(1)
    await picker.selectOption({ index: 1 })
    await expect.poll(() => hc.runtime.options.settings.get().helpcrunch.agentId).not.toBeNull()
    await page.close()
  })
})

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, ROOT, useBrowserSuite } from './harness'
import { ingestDeskDirectorSeed } from './seed-source'

const ARTIFACTS = join(ROOT, 'test-artifacts')
const STATUSES = ['created', 'created', 'missed', 'callback', 'handled']

// Skipped only when Debian chromium or the built renderer is missing (`npm test` builds first).
describe.skipIf(!e2eAvailable())('panel in chromium, wired to a real runtime', () => {
  const suite = useBrowserSuite()
  const runtime = suite.runtime

  it('shows a chat the engine ingests, live, and snoozes it into Snoozed', async () => {
    const { runtime: rt } = await runtime()
    const { page } = await openPanel(suite.context, suite.server.url, rt)
    await page.getByRole('heading', { name: 'Nothing is connected' }).waitFor()
    const chat = ingestDeskDirectorSeed(rt)
    const row = page.locator(`li[data-key="${chat.key}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain('Liam Tait')
    await row.hover()
    await row.getByRole('button', { name: 'Snooze', exact: true }).click()
    await page
      .getByRole('dialog', { name: /^Snooze / })
      .getByRole('button', { name: /^1 hour/ })
      .click()
    await page.getByRole('list', { name: 'Snoozed' }).locator(`li[data-key="${chat.key}"]`).waitFor()
    expect(rt.engine.store.get(chat.key)?.snoozedUntil).toBeGreaterThan(Date.now())
    await page.close()
  })

  it('shows the error of a failed action on the row', async () => {
    const { runtime: rt } = await runtime()
    const chat = ingestDeskDirectorSeed(rt)
    const { page } = await openPanel(suite.context, suite.server.url, rt)
    const row = page.locator(`li[data-key="${chat.key}"]`)
    await row.hover()
    await row.getByRole('button', { name: 'Open' }).click()
    const error = row.getByRole('alert')
    await error.waitFor()
    expect(await error.textContent()).toContain("Couldn't open. This needs setting up first.")
    // The raw detail stays available, folded away.
    expect(await error.locator('details code').textContent()).toContain('no web address is configured')
    expect(await row.getAttribute('class')).toContain('failed')
    await page.close()
  })

  it('round-trips settings through the runtime and survives a reload', async () => {
    const { runtime: rt } = await runtime()
    const { page } = await openPanel(suite.context, suite.server.url, rt)
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    const poll = page.getByLabel('Poll every (seconds)')
    await poll.fill('45')
    await poll.press('Enter')
    await page.getByLabel('Privacy mode').check()
    await expect.poll(() => rt.options.settings.get().helpcrunch.pollSeconds).toBe(45)
    await page.getByLabel(/^API key/).fill('hc-key-e2e-123')
    await page.getByRole('button', { name: 'Save' }).first().click()
    await page.getByText('(saved)').first().waitFor()
    expect(await page.content()).not.toContain('hc-key-e2e-123')
    await poll.fill('1')
    await poll.press('Enter')
    await page
      .getByText('Poll every must be a whole number from 5 to 3600 seconds. Not saved: 45 seconds still applies.')
      .waitFor()
    expect(await poll.inputValue()).toBe('1')
    await page.reload()
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    expect(await page.getByLabel('Poll every (seconds)').inputValue()).toBe('45')
    expect(await page.getByLabel('Privacy mode').isChecked()).toBe(true)
    expect(rt.options.settings.get().alerts.privacy).toBe(true)
    await page.close()
  })

  it('saves light and dark screenshots of a busy panel as test artifacts', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { runtime: rt } = await runtime()
      const base = Date.now()
      const people = ['Liam Tait', 'Ava Chen', 'Noah Patel', 'Mia Rossi', 'Kai Müller']
      for (const [i, name] of people.entries())
        ingestDeskDirectorSeed(rt, {
          id: `demo-${i}`,
          name: `Chat Request from ${name}`,
          creator: { entityId: 100 + i, name, userId: `acme~c~${100 + i}` },
          createdDateTime: new Date(base - (i + 1) * 97_000).toISOString(),
          status: STATUSES[i],
        })
      const { page } = await openPanel(suite.context, suite.server.url, rt, theme)
      await page.locator('li[data-key]').first().waitFor()
      const path = join(ARTIFACTS, `panel-${theme}.png`)
      await page.screenshot({ path })
      expect(existsSync(path)).toBe(true)
      await page.close()
    }
  })
})

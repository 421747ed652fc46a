/**
 * A failing source is loud, a healthy one costs nothing (issue 19): with a rejected key, an unreachable API or
 * HelpCrunch answering 429, a coloured bar across the list says HelpCrunch chats may be missing and how to fix
 * it; a configuration warning is a readable line (no hover); when all is well the strip takes no space at all.
 * Chromium, real runtime polling a fake HelpCrunch over HTTP.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createFakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import { e2eAvailable, openPanel, useBrowserSuite } from './harness'

const KEY = 'hc-e2e-key-health-0001'

/** The strip's lines, as text. */
const lines = (page: Page) =>
  page.getByRole('region', { name: 'Source health' }).getByRole('listitem').allTextContents()

describe.skipIf(!e2eAvailable())('source health in the panel (chromium)', () => {
  const suite = useBrowserSuite()

  async function withFake(
    configure: (fake: ReturnType<typeof createFakeHelpCrunch>) => void,
    key = KEY,
    agent = '4188',
  ) {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    configure(fake)
    const apiUrl = await fake.listen()
    const { runtime } = await suite.runtime(
      (s) => {
        s.helpcrunch.apiUrl = apiUrl
        s.helpcrunch.pollSeconds = 300
        s.helpcrunch.agentId = agent || null
      },
      { 'helpcrunch.apiKey': key, 'deskdirector.secrets': 'health-webhook-secret-0123456789' },
    )
    return { fake, runtime }
  }

  it('a rejected key: a red bar across the list, "chats may be missing", Fix lands on the key', async () => {
    const { fake, runtime } = await withFake(() => {}, 'hc-e2e-wrong-key-0000000')
    const { page } = await openPanel(suite.context, suite.server.url, runtime)
    const strip = page.getByRole('region', { name: 'Source health' })
    await strip.getByText('HelpCrunch chats may be missing').waitFor()
    expect(await lines(page)).toEqual([
      expect.stringMatching(/^HelpCrunch chats may be missing — API key rejected · never synced.*Fix$/),
    ])
    expect(await strip.locator('li').getAttribute('class')).toContain('health-danger')
    // Coloured: its own background, across the panel's width.
    const box = await strip.locator('li').boundingBox()
    expect(box?.width).toBeGreaterThanOrEqual(380)
    await strip.getByRole('button', { name: 'Fix' }).click()
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('setting-helpcrunch-apiKey')
    await page.close()
    await fake.close()
  })

  it('HelpCrunch answering 429: the bar says so with when it clears; no tooltip to read it', async () => {
    const { fake, runtime } = await withFake(() => {})
    await runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    const { page } = await openPanel(suite.context, suite.server.url, runtime)
    await page.getByRole('heading', { name: 'All quiet' }).waitFor()
    fake.faults.config.retryAfterSeconds = 30
    fake.faults.queue.push('rate-limit', 'rate-limit', 'rate-limit')
    await runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    const strip = page.getByRole('region', { name: 'Source health' })
    await strip.getByText('HelpCrunch chats may be missing').waitFor()
    const [first] = await lines(page)
    expect(first).toMatch(/^HelpCrunch chats may be missing — the help desk is limiting requests — clears in \d+s/)
    expect(await strip.locator('li').first().getAttribute('class')).toContain('health-warn')
    expect(await strip.locator('[title]').count()).toBe(0)
    await page.close()
    await fake.close()
  })

  it('a warning (no agent chosen) is a sentence with its fix; all well means no strip at all', async () => {
    const { fake, runtime } = await withFake(() => {}, KEY, '')
    await runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    const { page } = await openPanel(suite.context, suite.server.url, runtime)
    const strip = page.getByRole('region', { name: 'Source health' })
    await strip.getByRole('button', { name: 'Choose yourself' }).waitFor()
    expect((await lines(page)).join('\n')).toMatch(/^HelpCrunch: no HelpCrunch agent chosen/)
    const bodyTopWithWarning = (await page.locator('main').boundingBox())?.y ?? 0
    await runtime.engine.dispatcher.runUntrusted('settings.update', { patch: { helpcrunch: { agentId: '4188' } } })
    await runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    await strip.waitFor({ state: 'detached' })
    // Nothing between the header and the list: the strip costs no height while all is well.
    const header = await page.locator('.panel-header').boundingBox()
    const body = await page.locator('main').boundingBox()
    expect(body?.y).toBe((header?.y ?? 0) + (header?.height ?? 0))
    expect(body?.y).toBeLessThan(bodyTopWithWarning)
    await page.close()
    await fake.close()
  })
})

/**
 * Nothing urgent is filtered away silently (issue 19): a remembered "Mine" scope must not hide the customer who
 * wrote while the panel was closed, nor one who writes while it is open; whatever urgent chats a filter hides
 * are counted at the top of the list with "Show all". Chromium, real runtime, the panel closed and reopened
 * as the tray does (a new page with the same storage).
 */
import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, useBrowserSuite } from './harness'
import { ingestDeskDirectorSeed } from './seed-source'

const guest = (i: number, status = 'created') => ({
  id: `filters-${i}`,
  name: `Chat Request from Guest ${i}`,
  creator: { entityId: 700 + i, name: `Guest ${i}`, userId: `acme~c~${700 + i}` },
  createdDateTime: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
  status,
})

describe.skipIf(!e2eAvailable())('filters never hide a waiting customer (chromium)', () => {
  const suite = useBrowserSuite()

  it('counts what "Mine" hides at the top, and a customer who wrote while the panel was closed resets it', async () => {
    const { runtime } = await suite.runtime()
    for (let i = 0; i < 5; i++)
      ingestDeskDirectorSeed(runtime, guest(i, i === 3 ? 'missed' : i === 4 ? 'callback' : 'created'))
    let { page } = await openPanel(suite.context, suite.server.url, runtime)
    await page.locator('.chat-row').first().waitFor()
    await page.getByLabel('Scope').selectOption('mine')
    // Nobody is mine: every urgent chat is hidden, and the bar at the top says so, with the way back.
    const bar = page.locator('.hidden-bar')
    await bar.waitFor()
    expect(await bar.textContent()).toBe('3 waiting · 1 missed · 1 callback hidden by MineShow all')
    const box = await bar.boundingBox()
    expect(box && box.y < 150).toBe(true)
    await page.close()

    // The panel is closed (the tray hides it; the next click loads it anew). A new customer writes meanwhile.
    ingestDeskDirectorSeed(runtime, { ...guest(9), createdDateTime: new Date().toISOString() })
    ;({ page } = await openPanel(suite.context, suite.server.url, runtime))
    await page.locator('.chat-row[data-key="deskdirector:filters-9"]').waitFor()
    expect(await page.getByLabel('Scope').inputValue()).toBe('all')
    expect(await page.locator('.hidden-bar').textContent()).toBe(
      'Filters cleared: Guest 9 started waiting while the panel was closed.',
    )
    expect(await page.locator('.chat-row').count()).toBe(6)
    await page.close()
  })

  it('a customer who starts waiting while a filter would hide them clears it, live', async () => {
    const { runtime } = await suite.runtime()
    ingestDeskDirectorSeed(runtime, guest(0))
    const { page } = await openPanel(suite.context, suite.server.url, runtime)
    await page.locator('.chat-row').first().waitFor()
    await page.getByLabel('Search chats').fill('nobody by that name')
    await page.locator('.hidden-bar', { hasText: '1 waiting hidden by search “nobody by that name”' }).waitFor()
    ingestDeskDirectorSeed(runtime, { ...guest(5), createdDateTime: new Date().toISOString() })
    await page.locator('.chat-row[data-key="deskdirector:filters-5"]').waitFor()
    expect(await page.getByLabel('Search chats').inputValue()).toBe('')
    expect(await page.locator('.hidden-bar').textContent()).toBe('Filters cleared: Guest 5 is waiting.')
    // "Show all" is the way back from any filter too.
    await page.getByLabel('Scope').selectOption('mine')
    await page.locator('.hidden-bar').getByRole('button', { name: 'Show all' }).click()
    await expect.poll(() => page.locator('.chat-row').count()).toBe(2)
    await page.close()
  })
})

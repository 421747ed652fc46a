/**
 * Who owes the reply (issue 19), in Chromium on a real runtime with a fixed, injected clock: waiting customers
 * count down to the first-response target of their help desk (HelpCrunch 60 s, DeskDirector 40 s here): calm,
 * amber from half, red from 80 %, then "overdue 4m"; a chat where I spoke last is neutral with "You:".
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eAvailable, openPanel, useBrowserSuite, useFakeHelpCrunch } from './harness'
import { ingestDeskDirectorSeed } from './seed-source'

const KEY = 'hc-e2e-key-countdown-0001'
/** The injected clock's start, whole seconds (HelpCrunch times are seconds). */
const T = Math.floor(Date.now() / 1000)

/** Level and visible words of the reply time on `name`'s row. */
async function timeOf(page: Page, name: string): Promise<[string | null, string | null]> {
  const time = page.locator('.chat-row', { hasText: name }).locator('.reply-time')
  return [await time.getAttribute('data-level'), await time.locator('[aria-hidden="true"]').textContent()]
}

describe.skipIf(!e2eAvailable())('first-response countdown (chromium, fixed clock)', () => {
  const suite = useBrowserSuite()
  const hc = useFakeHelpCrunch(suite, KEY, {
    seed: (fake) => {
      const waiting = (name: string, ago: number) =>
        fake.db.addChat({
          status: 'new',
          createdAt: T - ago,
          lastCustomerMessageAt: T - ago,
          lastMessageAt: T - ago,
          lastMessageText: `Hello from ${name}`,
          assignee: null,
          customer: { id: 9_300_000 + ago, name, email: null, userId: null },
        })
      waiting('Calm Carla', 10)
      waiting('Soon Sami', 35)
      waiting('Late Lena', 50)
      waiting('Overdue Otto', 300)
      fake.db.addChat({
        status: 'opened',
        createdAt: T - 900,
        lastCustomerMessageAt: T - 600,
        lastMessageAt: T - 120,
        lastMessageText: 'I have sent the new invoice',
        assignee: 4188,
        customer: { id: 9_300_999, name: 'Replied Rita', email: null, userId: null },
      })
    },
    configure: (s) => {
      s.helpcrunch.pollSeconds = 300
      s.helpcrunch.agentId = '4188'
      s.alerts.firstResponseSeconds = { helpcrunch: 60, deskdirector: 40 }
    },
  })

  it('colours each waiting customer by how close the target is, and keeps my answered chat calm', async () => {
    await hc.runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
    ingestDeskDirectorSeed(hc.runtime, {
      id: 'countdown-dd',
      name: 'Chat Request from Dora Desk',
      creator: { entityId: 900, name: 'Dora Desk', userId: 'acme~c~900' },
      createdDateTime: new Date((T - 25) * 1000).toISOString(),
    })
    const { page } = await openPanel(suite.context, suite.server.url, hc.runtime, 'light', {
      beforeLoad: async (p) => {
        await p.clock.install({ time: T * 1000 })
        await p.clock.setFixedTime(T * 1000)
      },
    })
    await page.locator('.chat-row', { hasText: 'Replied Rita' }).waitFor()
    expect(await timeOf(page, 'Calm Carla')).toEqual(['calm', '50s left'])
    expect(await timeOf(page, 'Soon Sami')).toEqual(['soon', '25s left'])
    expect(await timeOf(page, 'Late Lena')).toEqual(['late', '10s left'])
    expect(await timeOf(page, 'Overdue Otto')).toEqual(['overdue', 'overdue 4m'])
    // DeskDirector's own target: 25 s of 40.
    expect(await timeOf(page, 'Dora Desk')).toEqual(['soon', '15s left'])
    // I spoke last: nobody waits for me; neutral, with "You:" on the preview.
    expect(await timeOf(page, 'Replied Rita')).toEqual(['neutral', '2m'])
    expect(await page.locator('.chat-row', { hasText: 'Replied Rita' }).locator('.last-message').textContent()).toBe(
      'You: I have sent the new invoice',
    )
    // The colours differ as the words do.
    const colour = (name: string) =>
      page
        .locator('.chat-row', { hasText: name })
        .locator('.reply-time')
        .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).color)
    const colours = new Set([await colour('Calm Carla'), await colour('Soon Sami'), await colour('Late Lena')])
    expect(colours.size).toBe(3)
    await page.screenshot({ path: 'test-artifacts/countdown-light.png' })

    // Twenty seconds later on the injected clock.
    await page.clock.setFixedTime((T + 20) * 1000)
    await expect.poll(() => timeOf(page, 'Calm Carla')).toEqual(['soon', '30s left'])
    expect(await timeOf(page, 'Soon Sami')).toEqual(['late', '5s left'])
    expect(await timeOf(page, 'Late Lena')).toEqual(['overdue', 'overdue 10s'])
    // The screen reader hears the same in words.
    expect(
      await page.locator('.chat-row', { hasText: 'Late Lena' }).locator('.reply-time .visually-hidden').textContent(),
    ).toBe('first reply overdue by 10s')
    await page.close()
  })
})

/**
 * The team layer in the panel, in real Chromium (issue 21): collision chips on rows ("Mia Novak is on it · 4 s",
 * "Leo Brandt opened it 2 s ago"), Take answered by a team hub's `conflict` in plain words, and the "while you were
 * away" banner reached by keyboard; axe with 0 serious or critical violations in light and dark for each. The
 * panel is wired to a real runtime; what a hub adds (claims, presence, the away summary, the claim's answer) comes
 * as the protocol events and outcome a desktop following a hub gets.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Chat } from '../../shared/chat'
import type { AgentPresence } from '../../shared/protocol/team'
import { blocking, runAxe } from './axe'
import { e2eAvailable, emitToPage, openPanel, ROOT, useBrowserSuite } from './harness'
import { ingestDeskDirectorSeed } from './seed-source'

const presence = (name: string, openChat: AgentPresence['openChat']): AgentPresence => ({
  name,
  tier: '1',
  online: true,
  stale: false,
  reachable: true,
  dndUntil: null,
  onShift: true,
  activity: 'active',
  openChat,
  lastSeen: Date.now(),
})

const noBlocking = async (page: Page, name: string) => {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    const violations = blocking(await runAxe(page))
    expect(violations, `${name} (${theme}): ${violations.map((v) => `${v.id} ${v.targets[0]}`).join(', ')}`).toEqual([])
  }
}

describe.skipIf(!e2eAvailable())('team chips, conflict and away summary in the panel (chromium)', () => {
  const suite = useBrowserSuite()

  it('shows who is on a chat, says who won a lost claim, and offers the away summary by keyboard', async () => {
    const { runtime } = await suite.runtime()
    const lostAt = Date.now()
    const { page } = await openPanel(suite.context, suite.server.url, runtime, 'light', {
      outcomes: {
        'chat.claim': () => ({
          ok: false,
          error: {
            code: 'conflict',
            message: 'Mia Novak took it 4 s ago',
            claim: { agent: 'Mia Novak', since: lostAt - 4_000 },
          },
        }),
      },
    })
    const free = ingestDeskDirectorSeed(runtime, { id: 'team-free', name: 'Chat Request from Freya Free' })
    const held = ingestDeskDirectorSeed(runtime, { id: 'team-held', name: 'Chat Request from Hugo Held' })
    const row = (chat: Chat) => page.locator(`li[data-key="${chat.key}"]`)
    await row(held).waitFor()
    await emitToPage(page, {
      type: 'team.presence',
      agents: [presence('Leo Brandt', { key: free.key, at: Date.now() })],
    })
    await emitToPage(page, {
      type: 'chat.changed',
      chat: { ...held, claim: { agent: 'Mia Novak', since: Date.now() - 4_000 } },
      previous: held,
    })
    const claimChip = row(held).locator('.collision-chip.chip-claim [aria-hidden="true"]')
    await claimChip.waitFor()
    expect(await claimChip.textContent()).toMatch(/^Mia Novak is on it · \d+ s$/)
    expect(await row(held).locator('.collision-chip .visually-hidden').textContent()).toMatch(
      /^, Mia Novak is on it, claimed \d+ seconds ago$/,
    )
    expect(await row(free).locator('.collision-chip.chip-open [aria-hidden="true"]').textContent()).toMatch(
      /^Leo Brandt opened it \d+ s ago$/,
    )
    await noBlocking(page, 'rows with collision chips')

    await row(free).hover()
    await row(free).getByRole('button', { name: 'Take' }).click()
    const conflict = row(free).getByRole('alert')
    await conflict.waitFor()
    expect(await conflict.locator('.row-error-text').textContent()).toMatch(
      /^Couldn't take\. Mia Novak took it \d+ s ago\.$/,
    )
    expect(await conflict.getByRole('button', { name: /Retry/ }).count()).toBe(0)
    await noBlocking(page, 'a lost claim')

    await emitToPage(page, {
      type: 'team.away',
      summary: {
        reason: 'unlock',
        from: Date.now() - 600_000,
        to: Date.now(),
        arrived: 3,
        taken: 2,
        takenBy: ['Mia Novak', 'Leo Brandt'],
        stillWaiting: [free.key],
        text: '3 arrived · 2 taken by Mia Novak and Leo Brandt · 1 still waiting',
      },
    })
    const banner = page.getByRole('region', { name: 'While you were away:' })
    await banner.waitFor()
    expect(await banner.getByRole('status').textContent()).toBe(
      'While you were away: 3 arrived · 2 taken by Mia Novak and Leo Brandt · 1 still waiting',
    )
    await noBlocking(page, 'the away summary')
    // For a person to look at (not compared: live times change every run).
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.screenshot({ path: join(ROOT, 'test-artifacts', 'team-panel.png') })
    // Keyboard only: Tab reaches its Take (named for the chat), Escape dismisses the banner.
    await page.locator('body').focus()
    // The button names the chat still waiting (its customer, as the row names them).
    const customer = (
      await row(free)
        .locator('.customer')
        .evaluate((n) => n.firstChild?.textContent ?? '')
    ).trim()
    let reached = false
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await banner
        .getByRole('button', { name: `Take ${customer}` })
        .evaluate((b) => b === b.ownerDocument.activeElement)
    }
    expect(reached).toBe(true)
    await page.keyboard.press('Escape')
    await banner.waitFor({ state: 'detached' })
    await page.close()
  })
})

/**
 * axe-core on every view of the panel, light and dark, in Chromium at the panel's size, wired to a real
 * runtime: the 60-chat list, the alerts feed, settings, and the first-run (nothing connected) view, and every
 * popup of the list: the snooze popover, the row menu, the takeover confirmation, the keyboard help, a row's
 * hover actions, and a failed row with its Retry (counting down, then offered).
 * Zero serious or critical violations allowed; the full count by impact goes to test-artifacts/axe-report.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import type { Runtime } from '../../electron/core/runtime/runtime'
import { blocking, byImpact, runAxe, type Violation } from './axe'
import { e2eAvailable, launchChromium, openPanel, ROOT, serveRenderer, startRuntime } from './harness'
import { ingestDeskDirectorSeed } from './seed-source'
import { ingestSixtyChats } from './sixty-chats'

const THEMES = ['light', 'dark'] as const
const ARTIFACTS = join(ROOT, 'test-artifacts')

const describeViolations = (violations: Violation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.slice(0, 3).join(', ')}`).join('\n')

describe.skipIf(!e2eAvailable())('accessibility of every view (axe-core in chromium)', () => {
  let server: Awaited<ReturnType<typeof serveRenderer>>
  let context: BrowserContext
  const runtimes: Runtime[] = []
  const fakes: FakeHelpCrunch[] = []
  const report: string[] = []

  beforeAll(async () => {
    server = await serveRenderer()
    context = (await launchChromium()).context
  })
  afterAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(join(ARTIFACTS, 'axe-report.txt'), `axe results by view and theme:\n${report.join('\n')}\n`)
    await context?.close()
    await server?.close()
    for (const r of runtimes) await r.stop()
    for (const f of fakes) await f.close()
  })

  const check = async (page: Page, name: string) => {
    const violations = await runAxe(page)
    report.push(`${name}: ${JSON.stringify(byImpact(violations))} ${violations.map((v) => v.id).join(' ')}`)
    expect(blocking(violations), describeViolations(blocking(violations))).toEqual([])
  }

  for (const theme of THEMES) {
    it(`list, alerts and settings with 60 chats (${theme})`, async () => {
      // No batching: on a loaded machine a reminder of one of the 60 could share a window with the new chat,
      // and a summary is never shown as handled, so the feed's handled state would have nothing to show.
      const { runtime } = await startRuntime((s) => {
        s.alerts.batchWindowMs = 0
      })
      runtimes.push(runtime)
      ingestSixtyChats(runtime)
      const { page } = await openPanel(context, server.url, runtime, theme)
      await page.locator('li[data-key]').nth(59).waitFor({ state: 'attached' })
      await check(page, `list (${theme})`)
      // A selected row (keyboard j) has its own background: its text must keep its contrast.
      await page.keyboard.press('j')
      await page.locator('li[data-key].selected').waitFor()
      await check(page, `list, row selected (${theme})`)
      await page.getByRole('button', { name: 'DND (do not disturb)' }).click()
      await page.getByRole('menu', { name: 'Do not disturb' }).waitFor()
      await check(page, `DND menu (${theme})`)
      await page.getByRole('menuitem', { name: /^1 hour/ }).click()
      await page.getByRole('button', { name: /^DND until/ }).waitFor()
      await check(page, `list, DND on (${theme})`)
      // A filter hiding urgent chats: the bar at the top of the list.
      await page.getByLabel('Scope').selectOption('mine')
      await page.locator('.hidden-bar').waitFor()
      await check(page, `list, urgent chats hidden by a filter (${theme})`)
      await page.locator('.hidden-bar').getByRole('button', { name: 'Show all' }).click()
      // DND off again; a new customer writes (a per-chat alert), and is snoozed: a result line with Undo.
      await page.getByRole('button', { name: /^DND until/ }).click()
      await page.getByRole('menuitem', { name: 'Off' }).click()
      await page.getByRole('button', { name: 'DND (do not disturb)' }).waitFor()
      // The button turns as soon as the renderer asks; the engine may still be in DND for a moment, and a chat
      // arriving then is held for the "While you were away" summary, which is never marked handled.
      await expect.poll(() => runtime.alerts.dndUntil()).toBeNull()
      ingestDeskDirectorSeed(runtime, {
        id: 'a11y-new',
        name: 'Chat Request from Fiona Feed',
        creator: { entityId: 990, name: 'Fiona Feed', userId: 'acme~c~990' },
        createdDateTime: new Date().toISOString(),
      })
      const fiona = page.locator('li[data-key="deskdirector:a11y-new"]')
      await fiona.waitFor()
      await expect
        .poll(() =>
          runtime.alerts
            .list()
            .alerts.some((a) => a.kind !== 'summary' && a.chatKeys.includes('deskdirector:a11y-new')),
        )
        .toBe(true)
      await fiona.focus()
      await page.keyboard.press('s')
      await page
        .getByRole('dialog', { name: /^Snooze / })
        .getByRole('button', { name: /^1 hour/ })
        .click()
      await page.locator('.undo-bar').getByRole('button', { name: 'Undo' }).waitFor()
      await check(page, `list, Undo offered (${theme})`)
      // The alerts feed with entries, one of them handled (the snoozed chat).
      await page.locator('.tab-badge').waitFor()
      await page.getByRole('button', { name: /^Alerts/ }).click()
      await page.locator('.alert-item').first().waitFor()
      await page.locator('.alert-item.handled').first().waitFor()
      await check(page, `alerts feed, with handled entries (${theme})`)
      const entry = page
        .locator('.alert-item:not(.handled)')
        .filter({ has: page.locator('.feed-actions') })
        .first()
      await entry.hover()
      await entry.focus()
      await entry.locator('.feed-actions').waitFor()
      await check(page, `alerts feed, entry focused with its actions (${theme})`)
      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      await page.getByRole('form', { name: 'Settings' }).waitFor()
      await check(page, `settings (${theme})`)
      await page.close()
    })

    it(`popups of the list: snooze, row menu, takeover, keyboard help, hover actions, a failure (${theme})`, async () => {
      // Two HelpCrunch chats (one free, one a colleague's) beside the 60 DeskDirector ones: HelpCrunch chats
      // can be assigned, so they offer the takeover confirmation and a failed-then-retried assign.
      const key = 'hc-e2e-key-a11y-0001'
      const fake = createFakeHelpCrunch({ apiKey: key })
      fakes.push(fake)
      const apiUrl = await fake.listen()
      const now = Math.floor(Date.now() / 1000)
      const hcChat = (i: number, assignee: number | null) =>
        fake.db.addChat({
          status: 'opened',
          createdAt: now - 600 * i,
          lastCustomerMessageAt: now - 500 * i,
          lastMessageAt: now - 500 * i,
          lastMessageText: `Question ${i} about my invoice`,
          assignee,
          customer: { id: 9_200_000 + i, name: `Helga Customer${i}`, email: `h${i}@example.com`, userId: null },
        })
      hcChat(1, null)
      hcChat(2, 4200)
      const { runtime } = await startRuntime(
        (s) => {
          s.helpcrunch.apiUrl = apiUrl
          s.helpcrunch.pollSeconds = 300
          s.helpcrunch.agentId = '4188'
        },
        { 'helpcrunch.apiKey': key },
      )
      runtimes.push(runtime)
      await runtime.engine.dispatcher.runUntrusted('sources.refresh', {})
      ingestSixtyChats(runtime)
      const { page } = await openPanel(context, server.url, runtime, theme)
      const rows = page.locator('li[data-key]')
      await rows.nth(61).waitFor({ state: 'attached' })
      const row = (name: string) => page.locator('li[data-key]', { hasText: name })

      await rows.first().focus()
      await page.keyboard.press('s')
      await page.getByRole('dialog', { name: /^Snooze / }).waitFor()
      await check(page, `snooze popover (${theme})`)
      await page.keyboard.press('Escape')

      await page.keyboard.press('.')
      await page.getByRole('menu', { name: /^Actions for / }).waitFor()
      await check(page, `row menu (${theme})`)
      await page.keyboard.press('Escape')

      await page.keyboard.press('?')
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
      await check(page, `keyboard help (${theme})`)
      await page.keyboard.press('Escape')

      await row('Helga Customer2').focus()
      await page.keyboard.press('a')
      await page.getByRole('alertdialog', { name: 'Take over this chat?' }).waitFor()
      await check(page, `takeover confirmation (${theme})`)
      await page.keyboard.press('Escape')

      await row('Helga Customer1').hover()
      await row('Helga Customer1').locator('.row-actions').waitFor()
      await check(page, `row hover actions (${theme})`)

      fake.faults.queue.push('server-error')
      await row('Helga Customer1').focus()
      await page.keyboard.press('a')
      const failure = row('Helga Customer1').getByRole('alert')
      await failure.getByRole('button', { name: /^Retry in / }).waitFor()
      await check(page, `failed row, Retry counting down (${theme})`)
      await failure.getByRole('button', { name: 'Retry', exact: true }).waitFor({ timeout: 15_000 })
      await failure.getByText('Details').click()
      await check(page, `failed row, Retry offered, details open (${theme})`)
      await page.close()
    })

    it(`health strip with HelpCrunch unreachable (${theme})`, async () => {
      // Nothing listens on the discard port: the first poll fails at once and the strip shows offline + Retry.
      const { runtime } = await startRuntime(
        (s) => {
          s.helpcrunch.apiUrl = 'https://127.0.0.1:9/v1'
        },
        { 'helpcrunch.apiKey': 'e2e-unreachable-key-0123456789' },
      )
      runtimes.push(runtime)
      const { page } = await openPanel(context, server.url, runtime, theme)
      const strip = page.getByRole('region', { name: 'Source health' })
      await strip.getByText('HelpCrunch chats may be missing').waitFor()
      expect(await strip.getByText(/POST|GET|fetch failed/).count()).toBe(0)
      await strip.getByRole('button', { name: 'Retry' }).waitFor()
      await check(page, `health strip offline (${theme})`)
      await page.close()
    })

    it(`a rejected key in the health strip (${theme})`, async () => {
      const fake = createFakeHelpCrunch({ apiKey: 'hc-e2e-key-a11y-right-0001' })
      fakes.push(fake)
      const apiUrl = await fake.listen()
      const { runtime } = await startRuntime(
        (s) => {
          s.helpcrunch.apiUrl = apiUrl
          s.helpcrunch.pollSeconds = 300
        },
        { 'helpcrunch.apiKey': 'hc-e2e-key-a11y-wrong-0001', 'deskdirector.secrets': 'a11y-webhook-secret-0123456789' },
      )
      runtimes.push(runtime)
      const { page } = await openPanel(context, server.url, runtime, theme)
      await page.getByRole('region', { name: 'Source health' }).getByText('HelpCrunch chats may be missing').waitFor()
      await check(page, `health strip, key rejected (${theme})`)
      await page.close()
    })

    it(`first run with nothing connected (${theme})`, async () => {
      const { runtime } = await startRuntime((s) => {
        s.app.onboarded = false
      })
      runtimes.push(runtime)
      const { page } = await openPanel(context, server.url, runtime, theme)
      await page.getByRole('heading', { name: 'Welcome to Chat Tray' }).waitFor()
      await check(page, `onboarding/empty (${theme})`)
      await page.close()
    })
  }
})

/**
 * The supervisor board in real Chromium against a real hub process (`npm run hub`'s entry, serving the built
 * out/board): sign-in with a lead's token only, the session cookie's flags as the browser stores them, a
 * cross-site form refused (CSRF), the board following the stream live (a DeskDirector delivery, a teammate's
 * claim and presence), sign-out, and axe with 0 serious or critical violations in light and dark.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HeadlessProcess } from '../helpers/headless'
import { AGENTS, ddChat, deliverDd, postCommand, readyUrl, startHub, tempDir, writeTokens } from '../helpers/hub'
import { blocking, runAxe } from './axe'
import { e2eAvailable, launchChromium, ROOT } from './harness'

const LEAD = { token: 'tok-lead-0123456789abcdef', agent: 'Lea Lead', tier: 'lead' }
const MIA = AGENTS[0] as (typeof AGENTS)[0]
const KEY = 'deskdirector:board-1'

function boardBuilt(): boolean {
  if (!existsSync(join(ROOT, 'out', 'board', 'index.html')))
    throw new Error('no built board: run `npx vite build -c board.vite.config.ts` (npm run build does)')
  return true
}

describe.skipIf(!e2eAvailable() || !boardBuilt())('the supervisor board (chromium, a real hub)', () => {
  let hub: HeadlessProcess
  let url: string
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    const dir = tempDir('board-e2e')
    const tokens = writeTokens(join(dir, 'tokens.json'), [{ ...MIA, tier: '1' }, ...AGENTS.slice(1), LEAD])
    hub = startHub({ tokens, stateDir: join(dir, 'hub') })
    url = await readyUrl(hub)
    context = (await launchChromium()).context
    page = await context.newPage()
    await page.setViewportSize({ width: 1000, height: 800 })
  })
  afterAll(async () => {
    await context?.close()
    hub?.child.kill('SIGKILL')
  })

  const noBlocking = async (name: string) => {
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme })
      const violations = blocking(await runAxe(page))
      expect(violations, `${name} (${theme}): ${violations.map((v) => `${v.id} ${v.targets[0]}`).join(', ')}`).toEqual(
        [],
      )
    }
  }
  const signIn = async (token: string) => {
    await page.getByLabel('Token').fill(token)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('signs in a lead only, with an HttpOnly, SameSite=Strict cookie scoped to /board that no script reads', async () => {
    const violations: string[] = []
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()))
    await page.goto(`${url}/board`)
    await page.getByRole('heading', { name: 'Team board' }).waitFor()
    await noBlocking('sign-in')
    await signIn(MIA.token)
    await page.getByRole('alert').filter({ hasText: 'not a team lead’s' }).waitFor()
    await noBlocking('sign-in refused')
    await signIn(LEAD.token)
    await page.getByText('Signed in as Lea Lead').waitFor()
    const cookies = await context.cookies(`${url}/board`)
    expect(
      cookies.map(({ name, httpOnly, sameSite, path, secure }) => ({ name, httpOnly, sameSite, path, secure })),
    ).toEqual([{ name: 'chat_tray_board', httpOnly: true, sameSite: 'Strict', path: '/board', secure: false }])
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe(
      '',
    )
    expect(await page.content()).not.toContain(LEAD.token)
    // The strict CSP is on and the page broke none of it (no inline code, nothing from elsewhere).
    expect(violations.filter((v) => /Content Security Policy/i.test(v))).toEqual([])
  })

  it('follows the stream live: a chat arrives, a teammate claims it and reports presence, without a reload', async () => {
    await page.locator('.board-live').waitFor()
    expect((await deliverDd(url, [ddChat('board-1')])).status).toBe(200)
    const row = page.locator(`.board-queue tr[data-key="${KEY}"]`)
    await row.waitFor()
    expect(await row.locator('th').textContent()).toBe('Customer board-1')
    expect(await page.getByTestId('stat-waiting').textContent()).toBe('1')
    await noBlocking('board with a waiting chat')
    const snapshot = (await postCommand(url, MIA.token, '{"id":"s","command":"snapshot.get"}')).json as {
      result: { chats: { key: string; updatedAt: number }[] }
    }
    const version = snapshot.result.chats.find((c) => c.key === KEY)?.updatedAt
    const claim = await postCommand(
      url,
      MIA.token,
      JSON.stringify({ id: 'c', command: 'chat.claim', key: KEY, version }),
    )
    expect(claim.json).toMatchObject({ ok: true })
    const claimed = page.locator(`.board-claims tr[data-key="${KEY}"]`)
    await claimed.waitFor()
    expect(await claimed.locator('td').last().textContent()).toMatch(/^Mia Novak · \d+ s$/)
    const report = { online: true, dndUntil: null, onShift: true, activity: 'active', openChat: null }
    await postCommand(url, MIA.token, JSON.stringify({ id: 'p', command: 'presence.report', ...report }))
    await page.locator('.board-team li', { hasText: 'Mia Novak' }).filter({ hasText: 'Online · on shift' }).waitFor()
    await noBlocking('board with a claim and the team')
    // For a person to look at (not compared: live times change every run).
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true })
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme })
      await page.screenshot({ path: join(ROOT, 'test-artifacts', `board-${theme}.png`), fullPage: true })
    }
    // A customer who has waited ten minutes: a breach, counted as the board sees it, then answered and closed.
    const tenMinutesAgo = new Date(Date.now() - 600_000).toISOString()
    await deliverDd(url, [ddChat('board-late', 'created', new Date().toISOString(), tenMinutesAgo)])
    await page.locator('[data-testid="stat-breaches"]', { hasText: /^1$/ }).waitFor()
    await deliverDd(url, [ddChat('board-late', 'completed', new Date(Date.now() + 1_000).toISOString(), tenMinutesAgo)])
    await page.locator('.board-queue tr[data-key="deskdirector:board-late"]').waitFor({ state: 'detached' })
  })

  it('refuses a sign-out a page on another site submits (CSRF): 403, and the session lives on', async () => {
    const evil = await context.newPage()
    await evil.route('http://evil.test/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<form method="post" action="${url}/board/sign-out"><input name="csrf" value="guess"></form>
          <script>document.forms[0].submit()</script>`,
      }),
    )
    const refused = evil.waitForResponse(`${url}/board/sign-out`)
    await evil.goto('http://evil.test/')
    expect((await refused).status()).toBe(403)
    await evil.close()
    await page.reload()
    await page.getByText('Signed in as Lea Lead').waitFor()
    // The closed chat's breach is still today's: the hub kept it (this page's own memory was reloaded away).
    await page.locator('[data-testid="stat-breaches"]', { hasText: /^1$/ }).waitFor()
  })

  it('signs out: the cookie is cleared and the board asks for the token again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Token').waitFor()
    expect(await context.cookies(`${url}/board`)).toEqual([])
    const status = await page.evaluate(() => fetch('/board/session').then((r) => r.status))
    expect(status).toBe(401)
  })
})

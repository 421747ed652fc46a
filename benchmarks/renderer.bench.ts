/**
 * Renderer benchmark. Timings run in Debian chromium (playwright-core) on the BUILT renderer (out/renderer,
 * production React) with a fake bridge serving 1,000 chats: first render = snapshot answer → the list's first
 * screen in the DOM (grouping all 1,000 included; the rest of the rows mount in the next frames, also timed); one change = `chat.changed` pushed → that row's DOM updated (both seen by a MutationObserver, so
 * render + commit, not paint). Rows re-rendered per change are counted in happy-dom (renderer/src/bench/).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { defaultSettings } from '../shared/settings'
import { e2eAvailable, launchChromium, ROOT, serveRenderer } from '../tests/e2e/harness'
import type { BenchFigure } from './figure'

/** One repetition. */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html')))
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
  const figures: BenchFigure[] = []
  if (e2eAvailable()) figures.push(...(await inChromium()))
  figures.push(rowsRerendered())
  return figures
}

/** Installs the fake bridge (1,000 chats) and a first-render observer; runs before the app's scripts. */
const PAGE_SETUP = (settings: unknown) => `(() => {
  const listeners = new Set()
  const now = Date.now()
  const states = ['waiting', 'missed', 'callback', 'active', 'pending']
  const chats = Array.from({ length: 1000 }, (_, i) => ({
    key: (i % 2 ? 'helpcrunch' : 'deskdirector') + ':' + i, source: i % 2 ? 'helpcrunch' : 'deskdirector',
    sourceId: String(i), state: states[i % states.length], rawStatus: 'new', title: 'Chat ' + i,
    customer: { name: 'Customer ' + i, email: null, company: null, phone: null },
    assignee: i % 3 ? null : { id: '7', name: 'Agent Seven', email: null }, department: null,
    createdAt: now - i * 1000, updatedAt: now, lastMessageAt: now - i * 900,
    lastMessageText: 'Hello, this is message ' + i + ' about an invoice',
    snoozedUntil: i % 10 === 0 ? now + 3600000 : null, unread: i % 4 === 0,
    callback: null, ticketRef: null, webUrl: null,
  }))
  window.__chats = chats
  window.__emit = (e) => { for (const l of listeners) l(e) }
  window.chatTray = {
    platform: 'linux',
    async command(name) {
      if (name !== 'snapshot.get') return { ok: false, error: { code: 'unsupported', message: name } }
      window.__t0 = performance.now()
      return { ok: true, result: { chats, sources: [], settings: ${JSON.stringify(settings)}, alerts: [], dndUntil: null, now } }
    },
    onEvent(l) { listeners.add(l); return () => listeners.delete(l) },
  }
  // First screen: the first rows are in the DOM (more than fit at 420×640); then every row.
  new MutationObserver((_m, observer) => {
    const rows = document.querySelectorAll('li[data-key]').length
    if (rows >= 20 && window.__t1 === undefined) window.__t1 = performance.now()
    if (rows === 1000) {
      window.__t2 = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
})()`

/** Pushes one chat.changed and resolves with the time until its row's DOM changed. */
const ONE_CHANGE = `new Promise((resolve) => {
  const target = window.__chats[501]
  const row = document.querySelector('li[data-key="' + target.key + '"]')
  const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - t0) })
  observer.observe(row, { childList: true, subtree: true, characterData: true })
  const t0 = performance.now()
  window.__emit({ type: 'chat.changed', chat: { ...target, lastMessageText: 'changed', updatedAt: target.updatedAt + 1 }, previous: target })
})`

async function inChromium(): Promise<BenchFigure[]> {
  const server = await serveRenderer()
  const { context } = await launchChromium()
  try {
    const page = await context.newPage()
    await page.addInitScript({ content: PAGE_SETUP(defaultSettings()) })
    await page.goto(server.url)
    // Polled with evaluate: waitForFunction compiles its predicate, which the page's CSP forbids.
    for (let i = 0; i < 400 && !(await page.evaluate('window.__t2 !== undefined')); i++) await sleep(50)
    const firstRenderMs = (await page.evaluate('window.__t1 - window.__t0')) as number
    const allRowsMs = (await page.evaluate('window.__t2 - window.__t0')) as number
    const oneChangeMs = (await page.evaluate(ONE_CHANGE)) as number
    return [
      { name: 'first render, 1,000 chats (chromium)', value: round(firstRenderMs), unit: 'ms', target: '<= 150 ms' },
      { name: 'all 1,000 rows mounted (chromium)', value: round(allRowsMs), unit: 'ms', target: '—' },
      { name: 'one chat change (chromium)', value: round(oneChangeMs), unit: 'ms', target: '<= 8 ms' },
    ]
  } finally {
    await context.close()
    await server.close()
  }
}

function rowsRerendered(): BenchFigure {
  const out = spawnSync('npx', ['tsx', 'renderer/src/bench/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', TSX_TSCONFIG_PATH: 'tsconfig.web.json' },
    encoding: 'utf8',
  })
  const line = out.stdout.trim().split('\n').at(-1) ?? ''
  const result = JSON.parse(line) as { rowsRerendered: number }
  return {
    name: 'rows re-rendered by one chat change (happy-dom)',
    value: result.rowsRerendered,
    unit: 'rows',
    target: '<= 1',
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}

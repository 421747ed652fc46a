/**
 * End-to-end harness: the built renderer (out/renderer) served on 127.0.0.1, opened in Debian chromium,
 * with the preload bridge replaced by one wired to a REAL runtime in this process (engine, listener,
 * sources, transforms). Commands go page → exposeBinding → dispatcher; events go bus → page.evaluate.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import { silentLogger } from '../../electron/core/engine/log'
import { memorySecrets, memorySettings } from '../../electron/core/runtime/ports'
import { createRuntime, type Runtime } from '../../electron/core/runtime/runtime'
import { registerSources } from '../../electron/core/sources/registry'
import type { ProtocolEvent } from '../../shared/protocol'
import { defaultSettings, type Settings } from '../../shared/settings'
import { findBrowser } from './browser'

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..')
const RENDERER = join(ROOT, 'out', 'renderer')

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wav': 'audio/wav',
  '.png': 'image/png',
}

/**
 * Whether the browser tests run. They need a built renderer (`npm test` builds first) and a Chromium-based
 * browser (browser.ts finds one); a missing one is an error with the fix, not a silent skip, unless
 * CHAT_TRAY_SKIP_E2E=1 says so on purpose.
 */
export function e2eAvailable(): boolean {
  if (process.env.CHAT_TRAY_SKIP_E2E === '1') return false
  if (!existsSync(join(RENDERER, 'index.html')))
    throw new Error('no built renderer: run `npm run build` (npm test does)')
  findBrowser()
  return true
}

/** Serves the built renderer; resolves with its base URL and a close function. */
export async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '')
    const file = join(RENDERER, path === '/' ? 'index.html' : path)
    if (!file.startsWith(RENDERER) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    res.end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) }
}

/** Launches headless chromium with a fresh profile. */
export async function launchChromium(): Promise<{ browser: Browser; context: BrowserContext }> {
  const profile = mkdtempSync(join(tmpdir(), 'chat-tray-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser().path,
    headless: true,
    viewport: { width: 420, height: 640 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
  return { browser: context.browser() as Browser, context }
}

/** Builds and starts a real runtime (listener on a free loopback port, sources registered). */
export async function startRuntime(
  configure: (settings: Settings) => void = () => {},
  secrets: Parameters<typeof memorySecrets>[0] = {},
): Promise<{ runtime: Runtime; listen: string }> {
  const settings = defaultSettings()
  settings.listener.port = 0
  settings.app.onboarded = true
  configure(settings)
  const runtime = createRuntime({
    settings: memorySettings(settings),
    secrets: memorySecrets(secrets),
    log: silentLogger,
    version: 'e2e',
    stateDir: null,
    demo: false,
  })
  registerSources(runtime)
  const { listen } = await runtime.start()
  return { runtime, listen }
}

/**
 * Gives every document of `page` a `window.chatTray` bridge like the preload's: commands go to the page's
 * `__chatTrayCommand` binding (expose it first) and events arrive through `emitToPage`. Playwright sends the
 * init function as source text, so it must not close over anything.
 */
export async function installFakeBridge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as Record<string, unknown>
    const listeners = new Set<(e: unknown) => void>()
    g.__chatTrayEmit = (event: unknown) => {
      for (const listener of listeners) listener(event)
    }
    g.chatTray = {
      platform: 'linux',
      command: (name: string, params: unknown) =>
        (g.__chatTrayCommand as (n: string, p: unknown) => Promise<unknown>)(name, params),
      onEvent(listener: (e: unknown) => void) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }
  })
}

/** Delivers one protocol event to the page's fake bridge listeners (see installFakeBridge). */
export async function emitToPage(page: Page, event: unknown): Promise<void> {
  await page.evaluate((e) => (globalThis as unknown as { __chatTrayEmit(e: unknown): void }).__chatTrayEmit(e), event)
}

/** Extras of `openPanel`. */
export interface PanelOptions {
  /** Runs on the new page before it loads (e.g. install a fixed clock with `page.clock`). */
  beforeLoad?(page: Page): Promise<void>
  /** Answers for the desktop shell's own commands (`panel.pin`), which a plain runtime does not have. */
  host?: Record<string, (params: unknown) => unknown>
  /** Whole outcomes (`{ok, result}` or `{ok: false, error}`) for commands another host answers (a team hub's claim). */
  outcomes?: Record<string, (params: unknown) => unknown>
}

/** Opens the panel with the bridge wired to `runtime`; returns the page and a record of opened URLs. */
export async function openPanel(
  context: BrowserContext,
  baseUrl: string,
  runtime: Runtime,
  theme: 'light' | 'dark' = 'light',
  options: PanelOptions = {},
): Promise<{ page: Page; opened: string[] }> {
  const page = await context.newPage()
  await page.emulateMedia({ colorScheme: theme })
  const opened: string[] = []
  await page.exposeBinding('__chatTrayCommand', async (_source, name: unknown, params: unknown) => {
    const host = typeof name === 'string' ? options.host?.[name] : undefined
    if (host) return { ok: true, result: host(params) }
    const answer = typeof name === 'string' ? options.outcomes?.[name] : undefined
    if (answer) return answer(params)
    const outcome = await runtime.engine.dispatcher.runUntrusted(name, params)
    // Main opens a chat's URL after a successful chat.open; record it instead of launching a browser.
    if (name === 'chat.open' && outcome.ok) opened.push((outcome.result as { url: string }).url)
    return outcome
  })
  await installFakeBridge(page)
  const unsubscribe = runtime.engine.bus.subscribe((event: ProtocolEvent) => {
    emitToPage(page, event).catch(() => {})
  })
  page.on('close', unsubscribe)
  await options.beforeLoad?.(page)
  await page.goto(baseUrl)
  return { page, opened }
}

/** What every browser suite shares: the served renderer, one Chromium context and the runtimes it started. */
export interface BrowserSuite {
  server: { url: string; close(): Promise<void> }
  context: BrowserContext
  /** Starts a runtime that the suite stops at the end. */
  runtime(...args: Parameters<typeof startRuntime>): Promise<{ runtime: Runtime; listen: string }>
  /** Stops `runtime` at the end of the suite (for runtimes built another way). */
  track(runtime: Runtime): Runtime
}

/**
 * Registers the set-up and tear-down of a browser suite (call inside `describe`): the renderer is served, a
 * fresh Chromium profile opened and `test-artifacts/` made before the tests; all is closed after them.
 */
export function useBrowserSuite(): BrowserSuite {
  const runtimes: Runtime[] = []
  const suite = {
    track(runtime: Runtime) {
      runtimes.push(runtime)
      return runtime
    },
    async runtime(...args: Parameters<typeof startRuntime>) {
      const started = await startRuntime(...args)
      runtimes.push(started.runtime)
      return started
    },
  } as BrowserSuite
  beforeAll(async () => {
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true })
    suite.server = await serveRenderer()
    suite.context = (await launchChromium()).context
  })
  afterAll(async () => {
    await suite.context?.close()
    await suite.server?.close()
    for (const r of runtimes) await r.stop()
  })
  return suite
}

/** A fake HelpCrunch over HTTP and the suite's runtime polling it (see useFakeHelpCrunch). */
export interface FakeHelpCrunchRuntime {
  readonly fake: FakeHelpCrunch
  readonly runtime: Runtime
}

/**
 * Registers (inside `describe`, after useBrowserSuite) a fake HelpCrunch accepting `key`, seeded by `seed`, and a
 * runtime of `suite` with that API URL and key, its settings adjusted by `configure`; the fake closes after the suite.
 */
export function useFakeHelpCrunch(
  suite: BrowserSuite,
  key: string,
  options: { seed?: (fake: FakeHelpCrunch) => void; configure?: (settings: Settings) => void } = {},
): FakeHelpCrunchRuntime {
  let fake: FakeHelpCrunch | undefined
  let runtime: Runtime | undefined
  beforeAll(async () => {
    fake = createFakeHelpCrunch({ apiKey: key })
    options.seed?.(fake)
    const apiUrl = await fake.listen()
    const started = await suite.runtime(
      (s) => {
        s.helpcrunch.apiUrl = apiUrl
        options.configure?.(s)
      },
      { 'helpcrunch.apiKey': key },
    )
    runtime = started.runtime
  })
  afterAll(async () => {
    await fake?.close()
  })
  return {
    get fake() {
      if (!fake) throw new Error('the fake HelpCrunch starts in beforeAll')
      return fake
    },
    get runtime() {
      if (!runtime) throw new Error('the HelpCrunch runtime starts in beforeAll')
      return runtime
    },
  }
}

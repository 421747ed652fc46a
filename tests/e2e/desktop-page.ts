/**
 * The panel page in real Chromium wired to the REAL main process: the built out/main/index.js booted under the
 * stand-in `electron` (tests/boot/driver.ts). The page's bridge calls go to the app's own ipcMain handler
 * (sender checks included) and what main sends to the panel's webContents is replayed into the page.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { IPC_CHANNELS } from '../../shared/protocol'
import type { BootedApp } from '../boot/driver'
import { emitToPage, installFakeBridge } from './harness'

/** What the page reported: CSP violations (directive and blocked URI) and console errors. */
export interface PageReport {
  violations(): Promise<string[]>
  consoleErrors: string[]
}

/** Opens `url` with a bridge to `app`; resolves once the page loaded. */
export async function openAppPage(
  context: BrowserContext,
  url: string,
  app: BootedApp,
): Promise<{ page: Page; report: PageReport }> {
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.exposeBinding('__chatTrayCommand', (_source, name: unknown, params: unknown) =>
    app.op('invoke', IPC_CHANNELS.command, [name, params]),
  )
  await page.addInitScript(() => {
    const g = globalThis as unknown as Record<string, unknown>
    const violations: string[] = []
    g.__cspViolations = violations
    const doc = g.document as { addEventListener(name: string, listener: (e: never) => void): void }
    doc.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) =>
      violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    )
  })
  await installFakeBridge(page)
  let open = true
  page.on('close', () => (open = false))
  const pump = async () => {
    while (open) {
      const sent = await app.op<{ channel: string; args: unknown[] }[]>('drainSent').catch(() => [])
      for (const message of sent)
        if (message.channel === IPC_CHANNELS.event) await emitToPage(page, message.args[0]).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  void pump()
  await page.goto(url)
  return {
    page,
    report: {
      consoleErrors,
      violations: () =>
        page.evaluate(() => [...((globalThis as unknown as { __cspViolations: string[] }).__cspViolations ?? [])]),
    },
  }
}

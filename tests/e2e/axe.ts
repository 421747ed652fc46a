/**
 * Runs axe-core in a page (from node_modules, nothing fetched from the network) and sums the violations by
 * impact. The panel's CSP allows scripts from its own origin only, and it stays on: the script is served
 * under that origin by a route of the page, then added with a script tag.
 */
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** One violation as the tests report it. */
export interface Violation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Injects axe (once per page) and returns every violation on the page, WCAG 2.x A/AA and best practice. */
export async function runAxe(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis)
  if (!loaded) {
    const url = new URL('/__axe.min.js', page.url()).href
    await page.route(url, (route) => route.fulfill({ path: AXE_PATH, contentType: 'text/javascript' }))
    await page.addScriptTag({ url })
  }
  const results = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
    }
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
  return results
}

/** Counts by impact, e.g. `{critical: 1, serious: 2}` (one per affected node). */
export function byImpact(violations: Violation[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const v of violations) counts[v.impact ?? 'none'] = (counts[v.impact ?? 'none'] ?? 0) + v.targets.length
  return counts
}

/** Only serious and critical ones (what the tests must keep at zero). */
export function blocking(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/**
 * The house rules about imports in `electron/main`, checked on the source text: no import circle (type-only
 * imports count: they tie files together for a reader all the same), and no upward import — the engine
 * never imports sources, the runtime, the platform or demo code; sources never import the runtime, the
 * platform or demo code, nor another source's folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const main = join(root, 'electron/main')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : []
  })
}

/** Relative imports of a file, resolved to files inside the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => m[1] ?? '')
  return specifiers
    .map((spec) => resolve(dirname(file), spec))
    .map((base) => [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? base)
}

const files = sourceFiles(main)
const graph = new Map(files.map((file) => [file, importsOf(file)]))
const rel = (file: string) => relative(main, file)

function findCircle(): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file]
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      const circle = visit(next)
      if (circle) return circle
    }
    stack.pop()
    state.set(file, 'done')
    return null
  }
  for (const file of files) {
    const circle = visit(file)
    if (circle) return circle.map(rel)
  }
  return null
}

/** Layers a folder must not import from. */
const FORBIDDEN: Record<string, readonly string[]> = {
  engine: ['sources', 'runtime', 'platform', 'demo', 'webhooks'],
  sources: ['runtime', 'platform', 'demo'],
  webhooks: ['sources', 'runtime', 'platform', 'demo'],
}

describe('electron/main imports', () => {
  it('has no circle', () => {
    expect(findCircle()).toBeNull()
  })

  it('has no upward import, and no source reaches into another source', () => {
    const offences: string[] = []
    for (const [file, imports] of graph) {
      const [layer, desk] = rel(file).split('/')
      for (const target of imports) {
        const [targetLayer, targetDesk] = relative(main, target).split('/')
        if (layer && targetLayer && FORBIDDEN[layer]?.includes(targetLayer))
          offences.push(`${rel(file)} → ${relative(main, target)}`)
        // `sources/<desk>/…` may use `sources/types.ts`, never `sources/<other desk>/…`.
        const inDesk = (segment: string | undefined) => segment !== undefined && !segment.endsWith('.ts')
        if (
          layer === 'sources' &&
          targetLayer === 'sources' &&
          inDesk(desk) &&
          inDesk(targetDesk) &&
          desk !== targetDesk
        )
          offences.push(`${rel(file)} → ${relative(main, target)}`)
      }
    }
    expect(offences).toEqual([])
  })
})

/**
 * The house rules about imports, checked on the source text (VS Code's `code-layering` style): every file belongs
 * to one layer, and a layer may import only the layers its row in `ALLOWED` names — anything else fails,
 * including a file in no layer. Within `core/sources`, a help desk never reaches into another desk's folder; and
 * nothing imports in a circle (type-only imports count: they tie files together for a reader all the same).
 * docs/architecture.md shows the same table (checked below).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')

/** Layer → the layers it may import (its own layer is always allowed). Lower layers first. */
const ALLOWED: Record<string, readonly string[]> = {
  shared: [],
  'core/engine': ['shared'],
  'core/http': ['shared', 'core/engine'],
  'core/sources': ['shared', 'core/engine', 'core/http'],
  'core/runtime': ['shared', 'core/engine', 'core/http', 'core/sources'],
  'core/demo': ['shared', 'core/engine', 'core/http', 'core/sources', 'core/runtime'],
  'hub/client': ['shared', 'core/engine', 'core/sources'],
  'hub/server': ['shared', 'core/engine', 'core/http', 'core/runtime'],
  hosts: [
    'shared',
    'core/engine',
    'core/http',
    'core/sources',
    'core/runtime',
    'core/demo',
    'hub/client',
    'hub/server',
    'manifest',
  ],
  main: ['shared', 'core/engine', 'core/http', 'core/sources', 'core/runtime', 'hosts'],
  preload: ['shared'],
  dev: [],
  renderer: ['shared'],
  /** The hub's supervisor board: a second page of the renderer's toolchain, reusing the panel's formats and styles. */
  'renderer/board': ['shared', 'renderer'],
  /** package.json: the hosts read their version from it (a bundle inlines just that field). */
  manifest: [],
}

/** The layer a repository-relative path belongs to, or null when it is in none. */
function layerOf(path: string): string | null {
  if (path === 'package.json') return 'manifest'
  const match =
    /^(?:(shared|renderer\/board|renderer)\/|electron\/(core\/[^/]+|hub\/[^/]+|hosts|main|preload|dev)(?:\/|\.ts$))/.exec(
      path,
    )
  return match ? (match[1] ?? match[2] ?? null) : null
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Relative imports of a file (static and dynamic), resolved to files inside the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^'?]+)/gm),
    ...text.matchAll(/^\s*import\s+'(\.[^'?]+)'/gm),
    ...text.matchAll(/\bimport\(\s*'(\.[^'?]+)'\s*\)/g),
  ].map((m) => m[1] ?? '')
  return specifiers
    .map((spec) => resolve(dirname(file), spec))
    .map(
      (base) =>
        [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((candidate) =>
          existsSync(candidate),
        ) ?? base,
    )
}

const rel = (file: string) => relative(root, file).split('\\').join('/')
const files = ['electron', 'shared', 'renderer/src', 'renderer/board'].flatMap((dir) => sourceFiles(join(root, dir)))
const graph = new Map(files.map((file) => [file, importsOf(file)]))

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

/** `electron/core/sources/<desk>/…` → `<desk>`; shared files of `core/sources` (types, registry) → null. */
const deskOf = (path: string) => /^electron\/core\/sources\/([^/]+)\//.exec(path)?.[1] ?? null

/** Every import the allow-list does not permit, as `from → to (layer → layer)`. */
function offences(edges: Iterable<[string, string[]]>): string[] {
  const found: string[] = []
  for (const [from, targets] of edges) {
    const layer = layerOf(from)
    for (const to of targets) {
      const target = layerOf(to)
      const allowed = layer !== null && target !== null && (target === layer || (ALLOWED[layer] ?? []).includes(target))
      const fromDesk = deskOf(from)
      const toDesk = deskOf(to)
      const crossDesk = fromDesk !== null && toDesk !== null && fromDesk !== toDesk
      if (!allowed || crossDesk) found.push(`${from} → ${to} (${layer ?? 'no layer'} → ${target ?? 'no layer'})`)
    }
  }
  return found
}

describe('imports follow the layer allow-list', () => {
  it('every source file is in a layer of the table', () => {
    expect(files.map(rel).filter((file) => layerOf(file) === null)).toEqual([])
  })

  it('no import outside what its layer may import, and no desk reaches into another desk', () => {
    const edges = [...graph].map(([file, imports]): [string, string[]] => [rel(file), imports.map(rel)])
    expect(offences(edges)).toEqual([])
  })

  it('the rule itself refuses an upward, a sideways-desk and a renderer-to-electron import', () => {
    expect(
      offences([
        ['electron/core/runtime/build.ts', ['electron/core/demo/demo-runtime.ts']],
        ['electron/hub/client/events.ts', ['electron/hub/server/hub.ts']],
        ['electron/core/sources/helpcrunch/a.ts', ['electron/core/sources/deskdirector/b.ts']],
        ['renderer/src/App.tsx', ['electron/core/engine/store.ts']],
        ['electron/core/engine/store.ts', ['electron/main/platform/tray.ts']],
      ]),
    ).toHaveLength(5)
    expect(
      offences([
        ['electron/core/sources/helpcrunch/a.ts', ['electron/core/sources/types.ts', 'shared/chat.ts']],
        ['electron/hosts/compose.ts', ['electron/core/demo/demo-runtime.ts']],
      ]),
    ).toEqual([])
  })

  it('has no circle', () => {
    expect(findCircle()).toBeNull()
  })

  it('only the Electron shell (electron/main, electron/preload) imports electron', () => {
    const importsElectron = (file: string) =>
      /from\s+'electron'|require\(\s*'electron'\s*\)|import\(\s*'electron'\s*\)/.test(readFileSync(file, 'utf8'))
    const outside = files.map(rel).filter((file) => !/^electron\/(main|preload)\//.test(file))
    expect(outside.filter((file) => importsElectron(join(root, file)))).toEqual([])
  })
})

describe('docs/architecture.md', () => {
  it('shows the same layer table as ALLOWED', () => {
    const text = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8')
    const rows = text
      .slice(text.indexOf('\n## Layers\n'))
      .split('\n')
      .filter((line) => /^\| `/.test(line))
    const documented = Object.fromEntries(
      rows.map((row) => {
        const [layer = '', imports = ''] = row
          .split('|')
          .slice(1, 3)
          .map((cell) => cell.trim())
        return [layer.replaceAll('`', ''), [...imports.matchAll(/`([^`]+)`/g)].map((m) => m[1])]
      }),
    )
    expect(documented).toEqual(ALLOWED)
  })
})

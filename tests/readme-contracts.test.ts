/**
 * Keeps the documented contracts honest where that is cheap. Each contract the code fixes must appear in a table of
 * its own page in docs/: the headless host's flags and variables in headless.md, the hub's in hub.md; every protocol
 * command, event, error code and source state in protocol.md; the hub's routes, stream events and commands in
 * hub.md; every HTTP status the listener answers in webhooks.md; every setting (with its range) and secret in
 * configuration.md; every "Check my setup" check in headless.md. The README keeps only the npm scripts and the exact
 * test command. Adding a contract without documenting it on its page fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { HUB_FLAGS } from '../electron/hosts/headless/hub-options'
import { USAGE } from '../electron/hosts/headless/options'
import { HUB_METRICS_PATH, HUB_READY_PATH } from '../electron/hub/server/ops-routes'
import { COMMAND_NAMES, ERROR_CODES, EVENT_TYPES, SOURCE_STATES } from '../shared/protocol'
import { HUB_COMMANDS, HUB_COMMANDS_PATH, HUB_EVENT_NAMES, HUB_STREAM_PATH } from '../shared/protocol/hub'
import { SECRET_NAMES, settingsSchema } from '../shared/settings'

const root = new URL('../', import.meta.url)
const source = (path: string) => readFileSync(new URL(path, root), 'utf8')
const readme = source('README.md')
/** A page of docs/, by its name without `.md`. */
const page = (name: string) => source(`docs/${name}.md`)

/** Markdown table rows of a text (lines starting with `|`). */
const tableRows = (text: string) => text.split('\n').filter((line) => line.startsWith('|'))

/** The text of a `## ` section of a page, up to the next `## ` heading. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`)
  if (start < 0) throw new Error(`no "## ${title}" section`)
  const end = text.indexOf('\n## ', start + 4)
  return text.slice(start, end < 0 ? undefined : end)
}

/** `` `name` ``, `` `name …` `` or `` `name=…` ``: how a contract is written in a table. */
const written = (name: string) => [`\`${name}\``, `\`${name} `, `\`${name}=`]

/**
 * The names that do not begin a table row of `text`: the contract must be the row's subject, not a passing mention
 * in another row.
 */
function missingRows(text: string, names: Iterable<string>): string[] {
  const firstCells = tableRows(text).map((row) => row.split('|')[1]?.trim() ?? '')
  return [...names].filter((name) => !firstCells.some((cell) => written(name).some((w) => cell.startsWith(w))))
}

/** The names that appear in no table row of `text`. */
function missingFromTables(text: string, names: Iterable<string>): string[] {
  const rows = tableRows(text).join('\n')
  return [...names].filter((name) => !written(name).some((w) => rows.includes(w)))
}

/** Flags the parsers accept, read from their `parseArgs` tables (so a flag missing from `--help` is caught too). */
function acceptedFlags(): string[] {
  const text = source('electron/hosts/headless/options.ts') + source('electron/hosts/headless/hub-options.ts')
  return [...text.matchAll(/^\s+'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/gm)].map((m) => `--${m[1]}`)
}

/** `--flag` → the environment variable its `--help` line names (null when it has none). */
function usageFlags(): Map<string, string | null> {
  const flags = new Map<string, string | null>()
  for (const line of USAGE.split('\n')) {
    const match = /^\s+(--[a-z-]+)\b.*?(?:\(([A-Z][A-Z0-9_]+))?[=,;)\s]/.exec(line)
    if (match) flags.set(match[1] as string, match[2] ?? null)
  }
  return flags
}

const HUB_FLAG_NAMES = new Set(Object.keys(HUB_FLAGS).map((name) => `--${name}`))
/** The page that documents a flag: the hub's flags in hub.md, every other one in headless.md. */
const pageOfFlag = (flag: string) => (HUB_FLAG_NAMES.has(flag) ? 'hub' : 'headless')

/** Variables a file names (`CHAT_TRAY_*`, `HELPCRUNCH_*`, `DESKDIRECTOR_*`). */
const variablesIn = (text: string) =>
  new Set(
    [...text.matchAll(/\b((?:CHAT_TRAY|HELPCRUNCH|DESKDIRECTOR)_[A-Z0-9_]*[A-Z0-9])\b/g)].map((m) => m[1] as string),
  )

/** Non-test source files under `dirs` (recursive), repository-relative. */
function sourceFiles(dirs: string[], pattern = /\.(ts|mjs)$/): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(new URL(dir, root), { recursive: true, encoding: 'utf8' })
      .filter((name) => pattern.test(name) && !/\.test\.ts$/.test(name))
      .map((name) => `${dir}/${name}`),
  )
}

/** Every Markdown file a reader of the repository is sent to: README, CONTRIBUTING and docs/. */
const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(new URL('docs', root))
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`),
]

describe('the checker itself', () => {
  it('finds a contract that is missing from a page, or only mentioned in passing', () => {
    const text = '| flag | meaning |\n|---|---|\n| `--listen HOST:PORT` | see `--allow-remote` |\n'
    expect(missingRows(text, ['--listen', '--allow-remote', '--demo'])).toEqual(['--allow-remote', '--demo'])
    expect(missingFromTables(text, ['--allow-remote', '--demo'])).toEqual(['--demo'])
    expect(missingRows('`--demo` in prose only', ['--demo'])).toEqual(['--demo'])
  })
})

describe('headless host and hub flags (docs/headless.md, docs/hub.md)', () => {
  it('documents every flag of --help in a table row of its page, with its environment variable', () => {
    const flags = usageFlags()
    expect(flags.size).toBeGreaterThan(10)
    for (const [flag, variable] of flags) {
      const name = pageOfFlag(flag)
      expect(missingRows(page(name), [flag]), `${flag} row in docs/${name}.md`).toEqual([])
      if (variable) {
        const row = tableRows(page(name)).find((r) => r.startsWith(`| \`${flag} `) || r.startsWith(`| \`${flag}\``))
        expect(row?.includes(variable), `${flag} row names ${variable}`).toBe(true)
      }
    }
  })

  it('lists every flag the parsers accept in --help', () => {
    const flags = usageFlags()
    for (const flag of acceptedFlags()) expect(flags.has(flag), `${flag} in USAGE`).toBe(true)
  })

  it('documents every environment variable the host reads in headless.md, and the hub options in hub.md', () => {
    const host = variablesIn(source('electron/hosts/headless/options.ts'))
    const hub = variablesIn(source('electron/hosts/headless/hub-options.ts'))
    expect(host.size + hub.size).toBeGreaterThan(15)
    expect(missingFromTables(page('headless'), host), 'variables missing from docs/headless.md tables').toEqual([])
    expect(missingFromTables(page('hub'), hub), 'variables missing from docs/hub.md tables').toEqual([])
  })

  it('gives every tuning variable of the hub its range, as hub-options.ts checks it', () => {
    const calls = [
      ...source('electron/hosts/headless/hub-options.ts').matchAll(/int\('(\w+)', [^,]+, ([\d_ *]+), ([\d_ *]+)\)/g),
    ]
    expect(calls.length).toBeGreaterThan(5)
    const value = (text: string) =>
      text.split('*').reduce((n, factor) => n * Number(factor.trim().replaceAll('_', '')), 1)
    for (const [, variable, min, max] of calls) {
      const row = tableRows(page('hub')).find((r) => r.includes(`| \`${variable}\` |`))
      const range = `${value(min as string)}–${value(max as string)}`
      expect(row?.includes(range), `${variable} row in docs/hub.md says ${range}`).toBe(true)
    }
  })

  it('documents every CHAT_TRAY_* variable the code reads anywhere in a table row of docs/', () => {
    const files = sourceFiles(['electron', 'shared', 'scripts', 'tests', 'benchmarks'])
    const used = new Set(
      files.flatMap((file) => [...source(file).matchAll(/\bCHAT_TRAY_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => m[0])),
    )
    expect(used.size).toBeGreaterThan(15)
    const allTables = documents
      .filter((d) => d.startsWith('docs/'))
      .map(source)
      .join('\n')
    expect(missingFromTables(allTables, used)).toEqual([])
  })

  it('lists every "Check my setup" check in docs/headless.md', () => {
    const text = sourceFiles(['electron'], /\.ts$/).map(source).join('\n')
    const ids = new Set([
      ...[...text.matchAll(/\bid: '([a-z]+\.[a-z][a-z.-]*)'/g)].map((m) => m[1] as string),
      ...[...text.matchAll(/secretCheck\(\s*'([^']+)'/g)].map((m) => m[1] as string),
    ])
    expect(ids.size).toBeGreaterThan(10)
    expect(missingFromTables(section(page('headless'), 'Check my setup'), ids)).toEqual([])
  })
})

describe('protocol (docs/protocol.md)', () => {
  it('gives every command, event, error code and source state its own table row', () => {
    expect(missingRows(page('protocol'), COMMAND_NAMES), 'commands').toEqual([])
    expect(missingRows(page('protocol'), EVENT_TYPES), 'events').toEqual([])
    expect(missingRows(page('protocol'), ERROR_CODES), 'error codes').toEqual([])
    expect(missingRows(page('protocol'), SOURCE_STATES), 'source states').toEqual([])
  })
})

describe('HTTP (docs/webhooks.md, docs/hub.md)', () => {
  /** Statuses the files of a folder answer with. */
  function statusesIn(dir: string): Set<string> {
    const pattern = /(?:sendJson\(res, |refuseDrained\(req, res, |status: |status === |writeHead\()([1-5]\d\d)\b/g
    return new Set(sourceFiles([dir]).flatMap((file) => [...source(file).matchAll(pattern)].map((m) => m[1] as string)))
  }

  it('gives every HTTP status the listener answers a row of the answers table', () => {
    const statuses = statusesIn('electron/core/http')
    expect(statuses.size).toBeGreaterThan(8)
    expect(missingRows(section(page('webhooks'), 'Answers'), statuses)).toEqual([])
  })

  it('names every HTTP status the hub answers in the routes table', () => {
    const statuses = statusesIn('electron/hub/server')
    expect(statuses.size).toBeGreaterThan(1)
    expect(missingFromTables(section(page('hub'), 'Routes'), statuses)).toEqual([])
  })

  it('gives every listener route a row: the webhook routes of the sources and /health', () => {
    const text = sourceFiles(['electron/core/sources'], /\.ts$/).map(source).join('\n')
    const paths = [...text.matchAll(/_WEBHOOK_PATH = '(\/[^']+)'/g)].map((m) => `POST ${m[1]}`)
    expect(paths.length).toBeGreaterThan(1)
    expect(missingRows(section(page('webhooks'), 'Routes'), [...paths, 'GET /health'])).toEqual([])
  })

  it('gives the hub routes, stream events and commands their rows in docs/hub.md', () => {
    const hub = page('hub')
    expect(missingRows(hub, [`GET ${HUB_STREAM_PATH}`, `POST ${HUB_COMMANDS_PATH}`]), 'routes').toEqual([])
    expect(missingRows(section(hub, 'Routes'), HUB_EVENT_NAMES), 'stream events').toEqual([])
    expect(missingRows(section(hub, 'Routes'), HUB_COMMANDS), 'hub commands').toEqual([])
  })

  it('gives the operator routes and every metric name their rows in docs/hub.md', () => {
    const hub = page('hub')
    expect(missingRows(section(hub, 'Routes'), [`GET ${HUB_READY_PATH}`, `GET ${HUB_METRICS_PATH}`])).toEqual([])
    const names = [...source('electron/hub/server/metrics.ts').matchAll(/name: '(chat_tray_\w+)'/g)].map((m) => m[1])
    expect(names.length).toBeGreaterThan(7)
    expect(missingRows(hub, names as string[]), 'metric names').toEqual([])
  })
})

describe('settings and secrets (docs/configuration.md)', () => {
  it('gives every secret its row', () => {
    expect(missingRows(section(page('configuration'), 'Secrets'), SECRET_NAMES)).toEqual([])
  })

  it('gives every settings key its row, with its range', () => {
    const schema = z.toJSONSchema(settingsSchema, { io: 'input' }) as JsonSchema
    const leaves = settingLeaves(schema, '')
    expect(leaves.length).toBeGreaterThan(25)
    const settings = section(page('configuration'), 'Settings')
    expect(
      missingRows(
        settings,
        leaves.map(([path]) => path),
      ),
    ).toEqual([])
    for (const [path, leaf] of leaves) {
      if (leaf.minimum === undefined || leaf.maximum === undefined) continue
      const row = tableRows(settings).find((r) => r.startsWith(`| \`${path}\``))
      const range = `${leaf.minimum}–${leaf.maximum}`
      expect(row?.includes(range), `${path} row says ${range}`).toBe(true)
    }
  })
})

describe('README and the documents it links', () => {
  it('mentions every npm script as `npm run <name>` (or npm start / npm test)', () => {
    const scripts = Object.keys(JSON.parse(source('package.json')).scripts as Record<string, string>)
    for (const name of scripts) {
      const spelled = name === 'start' || name === 'test' ? `npm ${name}` : `npm run ${name}`
      const pattern = new RegExp(`${spelled.replace(/[.:]/g, '\\$&')}(?![\\w:-])`)
      expect(pattern.test(readme), `README mentions ${spelled}`).toBe(true)
    }
  })

  it('keeps the README a front door of at most 200 lines (reference belongs in docs/)', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(200)
  })

  it('keeps the test command exactly `npm ci && npm test`', () => {
    expect(section(readme, 'The two commands').includes('npm ci && npm test '), 'npm ci && npm test').toBe(true)
  })

  it('names only files and folders that exist', () => {
    const pattern = /`((?:electron|shared|renderer|tests|docs|deploy|scripts|benchmarks|resources)\/[\w./-]*)`/g
    // docs/ is flat, so a deeper docs/ path names another repository's file (deskdirector.md cites DeskDirector's).
    const ours = (path: string) => !/^docs\/[^/]+\//.test(path)
    const missing: string[] = []
    let count = 0
    for (const document of documents) {
      const paths = new Set([...source(document).matchAll(pattern)].map((m) => (m[1] as string).replace(/\/$/, '')))
      count += paths.size
      for (const path of [...paths].filter(ours))
        if (!existsSync(new URL(path, root))) missing.push(`${document}: ${path}`)
    }
    expect(count).toBeGreaterThan(50)
    expect(missing).toEqual([])
  })
})

interface JsonSchema {
  type?: string
  properties?: Record<string, JsonSchema>
  minimum?: number
  maximum?: number
}

/** Leaf settings (`helpcrunch.pollSeconds`, `listener.allowUnsigned.deskdirector`, …) with their JSON schema. */
function settingLeaves(schema: JsonSchema, prefix: string): Array<[string, JsonSchema]> {
  if (schema.type !== 'object' || !schema.properties || (prefix.split('.').length > 1 && !nestedObject(prefix))) {
    return [[prefix, schema]]
  }
  return Object.entries(schema.properties).flatMap(([key, child]) =>
    settingLeaves(child, prefix ? `${prefix}.${key}` : key),
  )
}

/** Object-valued settings documented key by key (the rest, like `alerts.kinds`, are one setting). */
function nestedObject(path: string): boolean {
  return path === 'listener.allowUnsigned'
}

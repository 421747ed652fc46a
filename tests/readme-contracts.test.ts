/**
 * Keeps README.md honest where that is cheap: every flag and environment variable of the headless host and the
 * hub, every npm script, every protocol command, event, error code and source state, the hub's stream events and
 * commands, and every settings key with its range must be documented. Adding one without documenting it fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { USAGE } from '../electron/hosts/headless/options'
import { HUB_COMMANDS, HUB_EVENT_NAMES } from '../shared/protocol/hub'
import { COMMAND_NAMES, ERROR_CODES, EVENT_TYPES, SOURCE_STATES } from '../shared/protocol'
import { SECRET_NAMES, settingsSchema } from '../shared/settings'

const root = new URL('../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const source = (path: string) => readFileSync(new URL(path, root), 'utf8')

/** The text of a `## ` section, up to the next `## ` heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`)
  if (start < 0) throw new Error(`README has no "## ${title}" section`)
  const end = readme.indexOf('\n## ', start + 4)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** README table rows (lines starting with `|`). */
const tableRows = readme.split('\n').filter((line) => line.startsWith('|'))

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

describe('README contracts', () => {
  it('documents every flag of --help (headless and hub) in a table row with its environment variable', () => {
    const flags = usageFlags()
    expect(flags.size).toBeGreaterThan(10)
    for (const [flag, variable] of flags) {
      const rows = tableRows.filter((row) => row.startsWith(`| \`${flag} `) || row.startsWith(`| \`${flag}\``))
      expect(rows, `README table row for ${flag}`).not.toHaveLength(0)
      if (variable) expect(rows.join('\n').includes(variable), `${flag} row names ${variable}`).toBe(true)
    }
  })

  it('lists every flag the parsers accept in --help', () => {
    const flags = usageFlags()
    for (const flag of acceptedFlags()) expect(flags.has(flag), `${flag} in USAGE`).toBe(true)
  })

  it('documents every environment variable the host and hub read in a table row', () => {
    const text = source('electron/hosts/headless/options.ts') + source('electron/hosts/headless/hub-options.ts')
    const variables = new Set(
      [...text.matchAll(/\b((?:CHAT_TRAY|HELPCRUNCH|DESKDIRECTOR)_[A-Z0-9_]+)\b/g)].map((m) => m[1]),
    )
    expect(variables.size).toBeGreaterThan(15)
    for (const variable of variables) {
      expect(
        tableRows.some((row) => row.includes(`\`${variable}`)),
        `${variable} in a README table`,
      ).toBe(true)
    }
  })

  it('gives every tuning variable of the hub its range, as hub-options.ts checks it', () => {
    const calls = [
      ...source('electron/hosts/headless/hub-options.ts').matchAll(/int\('(\w+)', [^,]+, ([\d_ *]+), ([\d_ *]+)\)/g),
    ]
    expect(calls.length).toBeGreaterThan(5)
    const value = (text: string) =>
      text.split('*').reduce((n, factor) => n * Number(factor.trim().replaceAll('_', '')), 1)
    for (const [, variable, min, max] of calls) {
      const row = tableRows.find((r) => r.includes(`| \`${variable}\` |`))
      const range = `${value(min as string)}–${value(max as string)}`
      expect(row?.includes(range), `${variable} row says ${range}`).toBe(true)
    }
  })

  it('documents every CHAT_TRAY_* variable the code reads anywhere', () => {
    const files = ['electron', 'shared', 'scripts', 'tests', 'benchmarks'].flatMap((dir) =>
      readdirSync(new URL(dir, root), { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.(ts|mjs)$/.test(name) && !name.endsWith('.test.ts'))
        .map((name) => `${dir}/${name}`),
    )
    const used = new Set(
      files.flatMap((file) => [...source(file).matchAll(/\bCHAT_TRAY_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => m[0])),
    )
    expect(used.size).toBeGreaterThan(15)
    for (const variable of used) expect(readme.includes(`\`${variable}`), `${variable} in README`).toBe(true)
  })

  it('lists every HTTP status the listener and the hub answer', () => {
    const dirs = ['electron/core/http', 'electron/hub/server']
    const files = dirs.flatMap((dir) =>
      readdirSync(new URL(dir, root), { encoding: 'utf8' })
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
        .map((name) => `${dir}/${name}`),
    )
    const pattern = /(?:sendJson\(res, |refuseDrained\(req, res, |status: |status === |writeHead\()([1-5]\d\d)\b/g
    const statuses = new Set(files.flatMap((file) => [...source(file).matchAll(pattern)].map((m) => m[1] as string)))
    expect(statuses.size).toBeGreaterThan(8)
    const documented = section('Webhooks') + section('Running Chat Tray for a team')
    for (const status of statuses) expect(documented.includes(`\`${status}\``), `HTTP ${status} documented`).toBe(true)
  })

  it('names only files and folders that exist', () => {
    const pattern = /`((?:electron|shared|renderer|tests|docs|deploy|scripts|benchmarks|resources)\/[\w./-]*)`/g
    const paths = new Set([...readme.matchAll(pattern)].map((m) => (m[1] as string).replace(/\/$/, '')))
    expect(paths.size).toBeGreaterThan(20)
    for (const path of paths) expect(existsSync(new URL(path, root)), `${path} exists`).toBe(true)
  })

  it('mentions every npm script as `npm run <name>` (or npm start / npm test)', () => {
    const scripts = Object.keys(JSON.parse(source('package.json')).scripts as Record<string, string>)
    for (const name of scripts) {
      const spelled = name === 'start' || name === 'test' ? `npm ${name}` : `npm run ${name}`
      const pattern = new RegExp(`${spelled.replace(/[.:]/g, '\\$&')}(?![\\w:-])`)
      expect(pattern.test(readme), `README mentions ${spelled}`).toBe(true)
    }
  })

  it('keeps the test command exactly `npm ci && npm test`', () => {
    expect(section('The two commands').includes('npm ci && npm test '), 'npm ci && npm test').toBe(true)
  })

  it('names every command, event, error code and source state in the headless protocol section', () => {
    const protocol = section('Headless host')
    for (const name of [...COMMAND_NAMES, ...EVENT_TYPES, ...ERROR_CODES, ...SOURCE_STATES]) {
      expect(protocol.includes(`\`${name}`), `"${name}" in "## Headless host"`).toBe(true)
    }
  })

  it('names every hub stream event and hub command in the team section', () => {
    const team = section('Running Chat Tray for a team')
    for (const name of [...HUB_EVENT_NAMES, ...HUB_COMMANDS]) {
      expect(team.includes(`\`${name}\``), `"${name}" in the team section`).toBe(true)
    }
  })

  it('documents every secret name', () => {
    const config = section('Configuration')
    for (const name of SECRET_NAMES)
      expect(config.includes(`\`${name}\``), `secret ${name} in Configuration`).toBe(true)
  })

  it('documents every settings key in the configuration table, with its range', () => {
    const schema = z.toJSONSchema(settingsSchema, { io: 'input' }) as JsonSchema
    const leaves = settingLeaves(schema, '')
    expect(leaves.length).toBeGreaterThan(25)
    const config = section('Configuration')
    const rows = config.split('\n').filter((line) => line.startsWith('|'))
    for (const [path, leaf] of leaves) {
      const row = rows.find((r) => r.includes(`\`${path}\``))
      expect(row, `configuration row for ${path}`).toBeDefined()
      if (leaf.minimum !== undefined && leaf.maximum !== undefined) {
        const range = `${leaf.minimum}–${leaf.maximum}`
        expect(row?.includes(range), `${path} row says ${range}`).toBe(true)
      }
    }
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

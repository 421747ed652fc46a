/**
 * The hosts as they ship: the bundle in out/hosts (`npm run build`), run by `npm run hub` / `npm run headless`
 * and by the hub's container, which holds only the bundle, the built supervisor board (out/board), package.json,
 * package-lock.json and the production dependencies (`npm ci --omit=dev`). No TypeScript, no tsx, no dev
 * dependency at run time.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { USAGE } from '../../electron/hosts/headless/options'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, watchHost } from '../helpers/headless'
import { AGENTS, openStream, processesPerTest, readyUrl, writeTokens } from '../helpers/hub'

const root = join(import.meta.dirname, '..', '..')
const bundleDir = join(root, 'out', 'hosts')
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string
  dependencies: Record<string, string>
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const [MIA] = AGENTS as [(typeof AGENTS)[0]]
const { track, dir: testDir } = processesPerTest()

/** The bundle's files, relative to out/hosts. */
const bundleFiles = (dir = bundleDir): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? bundleFiles(path) : [relative(bundleDir, path)]
  })

/** Starts a host and follows its NDJSON stdout (a line that is not an event fails the test). */
function host(command: string, args: string[], cwd: string): HeadlessProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, CHAT_TRAY_HUB_HEARTBEAT_MS: '500' }, stdio: 'pipe' })
  return track(watchHost(child as ChildProcessWithoutNullStreams))
}

/** A hub on a free loopback port with one tokens file, as `args` of whatever starts it. */
function hubFlags(dir: string): string[] {
  const tokens = writeTokens(join(dir, 'tokens.json'))
  return ['--listen', '127.0.0.1:0', '--hub-tokens', tokens, '--state-dir', join(dir, 'state')]
}

/** Checks a running hub serves the event stream to a token (and to no one without one), then stops it. */
async function servesTheStream(hub: HeadlessProcess): Promise<void> {
  const url = await readyUrl(hub)
  const ready = hub.events[0] as Extract<ProtocolEvent, { type: 'ready' }>
  expect(ready).toMatchObject({ type: 'ready', hub: true, version: manifest.version })
  expect((await openStream(url, null)).response.status).toBe(401)
  const stream = await openStream(url, MIA.token)
  expect(stream.response.status).toBe(200)
  expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const snapshot = await stream.waitFor((m) => m.event === 'snapshot')
  expect(snapshot.data).toMatchObject({ agent: { name: MIA.agent } })
  stream.close()
  process.kill(ready.pid, 'SIGTERM')
  expect(await hub.exited).toBe(0)
}

/** Checks a running hub serves the supervisor board from `out/board` beside its bundle: the page and its script. */
async function servesTheBoard(hub: HeadlessProcess): Promise<void> {
  const url = await readyUrl(hub)
  const page = await fetch(`${url}/board`)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';/)
  const script = /src="(\/board\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1]
  expect(script).toBeDefined()
  const asset = await fetch(`${url}${script}`)
  expect([asset.status, asset.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8'])
}

beforeAll(() => {
  // `npm run headless` rebuilds the bundle when a source is newer (a fresh checkout; `npm test` built it already).
  const run = spawnSync(npm, ['run', '-s', 'headless', '--', '--help'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (run.status !== 0) throw new Error(`npm run headless -- --help failed:\n${run.stderr}`)
}, 130_000)

describe('the built hosts', () => {
  it('import nothing but Node built-ins and production dependencies (no electron, no dev dependency)', () => {
    const imports = new Set<string>()
    for (const file of bundleFiles().filter((name) => name.endsWith('.js'))) {
      const text = readFileSync(join(bundleDir, file), 'utf8')
      for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']/g))
        imports.add(match[1] as string)
      for (const match of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/g))
        imports.add((match[1] ?? match[2]) as string)
    }
    const packageOf = (id: string) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0])
    const outside = [...imports].filter(
      (id) =>
        !id.startsWith('.') &&
        !id.startsWith('node:') &&
        !builtinModules.includes(id) &&
        !Object.hasOwn(manifest.dependencies, packageOf(id) as string),
    )
    expect(outside).toEqual([])
    expect([...imports]).toEqual(expect.arrayContaining(['zod']))
    expect(bundleFiles()).toEqual(expect.arrayContaining(['headless.js', 'hub.js']))
  })

  it('the hub runs from a directory holding only the bundle and board, the manifest and `npm ci --omit=dev`', async () => {
    const dir = testDir('built-hub')
    const app = join(dir, 'app')
    mkdirSync(join(app, 'out'), { recursive: true })
    cpSync(bundleDir, join(app, 'out', 'hosts'), { recursive: true })
    // As the container holds them (deploy/Dockerfile): the supervisor board beside the bundle.
    cpSync(join(root, 'out', 'board'), join(app, 'out', 'board'), { recursive: true })
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(app, file))
    // Offline, from the npm cache `npm ci` filled: bounded and deterministic (no registry is asked).
    const install = spawnSync(
      npm,
      ['ci', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: app, encoding: 'utf8', timeout: 150_000 },
    )
    if (install.status !== 0) copyProductionPackages(app)
    const installed = readdirSync(join(app, 'node_modules'))
    expect(installed).toEqual(expect.arrayContaining(['zod', 'eventsource-parser']))
    for (const devOnly of ['electron', 'tsx', 'vite', 'typescript', 'vitest'])
      expect(existsSync(join(app, 'node_modules', devOnly))).toBe(false)

    const hub = host(process.execPath, ['out/hosts/hub.js', ...hubFlags(dir)], app)
    await servesTheBoard(hub)
    await servesTheStream(hub)
  }, 240_000)

  it('`npm run hub` rebuilds a stale bundle, then runs the built hub in its own process (no tsx)', async () => {
    // A source newer than the bundle (as after an edit): the script must build before it runs.
    const touched = Date.now()
    utimesSync(join(root, 'electron', 'hosts', 'hub.ts'), touched / 1000, touched / 1000)
    const hub = host(npm, ['run', '-s', 'hub', '--', ...hubFlags(testDir('npm-run-hub'))], root)
    await readyUrl(hub)
    expect(statSync(join(bundleDir, 'hub.js')).mtimeMs).toBeGreaterThanOrEqual(Math.floor(touched / 1000) * 1000)
    const { pid } = hub.events[0] as Extract<ProtocolEvent, { type: 'ready' }>
    if (process.platform === 'linux') {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      expect(commandLine.slice(1, 3)).toEqual(['scripts/run-host.mjs', 'hub'])
      expect(commandLine.join(' ')).not.toMatch(/tsx/)
    }
    await servesTheStream(hub)
  }, 120_000)

  it('`npm run -s headless -- --help` writes the usage and nothing else on stdout', () => {
    const run = spawnSync(npm, ['run', '-s', 'headless', '--', '--help'], { cwd: root, encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(`${USAGE}\n`)
  }, 60_000)
})

/** Without the packages in the npm cache: copies exactly the production ones (`npm ls --omit=dev`) from node_modules. */
function copyProductionPackages(app: string): void {
  const list = spawnSync(npm, ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
  for (const path of list.stdout.split('\n').filter((line) => line.includes('node_modules')))
    cpSync(path, join(app, relative(root, path)), { recursive: true })
}

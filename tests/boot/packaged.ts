/**
 * The packaged layout, built once and cached: `electron-builder --linux dir` run offline against a stand-in
 * Electron dist (its "binary" carries a fuse wire, so `electronFuses` is applied for real), then app.asar
 * extracted in place, so `<resources>/app.asar/out/main/index.js` is the path Electron would run. The cache key
 * hashes everything that goes into the package; a lock directory makes parallel test files share one build.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { extractAll } from '@electron/asar'
import { type Layout, ROOT } from './driver'

/** The fuse sentinel Electron binaries carry (see docs/desktop-packaging.md). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron 45's default fuse wire: '1' = on, '0' = off, in @electron/fuses' FuseV1Options order. */
const DEFAULT_WIRE = '10110001'
const STALE_LOCK_MS = 5 * 60_000

/** The packaged app: its layout plus the unpacked directory electron-builder wrote. */
export interface PackagedApp {
  layout: Layout
  /** `dist/linux-unpacked` of this build (holds the executable with the flipped fuses). */
  unpacked: string
  executable: string
}

/** Returns the packaged layout, building it if no cached build matches the current inputs. */
export async function packagedApp(): Promise<PackagedApp> {
  const dir = join(ROOT, 'node_modules', '.cache', 'chat-tray-boot', inputsHash())
  const result: PackagedApp = {
    layout: {
      name: 'packaged',
      main: join(dir, 'resources', 'app.asar', 'out', 'main', 'index.js'),
      appPath: join(dir, 'resources', 'app.asar'),
      resourcesPath: join(dir, 'resources'),
      packaged: true,
    },
    unpacked: join(dir, 'pack', 'linux-unpacked'),
    executable: join(dir, 'pack', 'linux-unpacked', 'chat-tray'),
  }
  if (existsSync(join(dir, 'done'))) return result
  await withLock(`${dir}.lock`, async () => {
    if (existsSync(join(dir, 'done'))) return
    rmSync(dir, { recursive: true, force: true })
    const dist = join(dir, 'electron-dist')
    writeStandInDist(dist)
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        '--linux',
        'dir',
        `-c.electronDist=${dist}`,
        `-c.directories.output=${join(dir, 'pack')}`,
        '--publish',
        'never',
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    )
    const packed = join(result.unpacked, 'resources')
    for (const entry of readdirSync(packed))
      if (entry !== 'app.asar') cpSync(join(packed, entry), join(dir, 'resources', entry), { recursive: true })
    extractAll(join(packed, 'app.asar'), result.layout.appPath)
    writeFileSync(join(dir, 'done'), new Date().toISOString())
  })
  return result
}

/** A stand-in Electron dist: the files electron-builder copies, and an "executable" with a fuse wire. */
function writeStandInDist(dist: string): void {
  mkdirSync(join(dist, 'resources'), { recursive: true })
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
  ])
  writeFileSync(
    join(dist, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in\n# '), wire, Buffer.from('\n')]),
    {
      mode: 0o755,
    },
  )
  for (const name of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox']) writeFileSync(join(dist, name), '')
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  writeFileSync(join(dist, 'version'), version)
}

/** Fuse states in a packaged executable, by FuseV1Options index ('1' on, '0' off). */
export function readFuseWire(executable: string): string {
  const bytes = readFileSync(executable)
  const at = bytes.indexOf(FUSE_SENTINEL)
  if (at < 0) throw new Error(`no fuse sentinel in ${executable}`)
  const length = bytes[at + FUSE_SENTINEL.length + 1] ?? 0
  const start = at + FUSE_SENTINEL.length + 2
  return bytes.subarray(start, start + length).toString('latin1')
}

function inputsHash(): string {
  const hash = createHash('sha256')
  const files = [
    'package.json',
    'package-lock.json',
    'electron-builder.ts',
    ...listFiles('out'),
    ...listFiles('resources'),
  ]
  for (const file of files) {
    hash.update(file)
    hash.update(readFileSync(join(ROOT, file)))
  }
  return hash.digest('hex').slice(0, 16)
}

function listFiles(folder: string): string[] {
  const root = join(ROOT, folder)
  if (!existsSync(root)) throw new Error(`no ${folder}/: run \`npx electron-vite build\` first (npm test does)`)
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else found.push(relative(ROOT, path))
    }
  }
  walk(root)
  return found
}

async function withLock(lock: string, work: () => Promise<void>): Promise<void> {
  mkdirSync(join(lock, '..'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
      if (Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  try {
    await work()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

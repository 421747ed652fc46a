import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './driver'

const SCRIPT = join(ROOT, 'scripts', 'ensure-electron.mjs')
const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'))

/** A copy of the electron package without its binary (as `npm ci` leaves it since Electron 42). */
function electronPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-electron-'))
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json'])
    cpSync(join(ROOT, 'node_modules', 'electron', file), join(dir, file))
  return dir
}

async function run(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT], {
      env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

let mirror: Server
let mirrorUrl = ''
const requested: string[] = []
beforeAll(async () => {
  // A loopback "GitHub" that has no Electron builds: the download fails like an offline machine's.
  mirror = createServer((req, res) => {
    requested.push(req.url ?? '')
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve))
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`
})
afterAll(() => new Promise<void>((resolve) => mirror.close(() => resolve())))

describe('npm start, step 1 (scripts/ensure-electron.mjs)', () => {
  it('runs electron’s own installer when the binary is missing, and says exactly why not when it cannot', async () => {
    const result = await run({
      CHAT_TRAY_ELECTRON_DIR: electronPackage(),
      ELECTRON_MIRROR: mirrorUrl,
      electron_config_cache: mkdtempSync(join(tmpdir(), 'chat-tray-electron-cache-')),
    })
    expect(result.code).toBe(1)
    expect(requested.some((url) => url.includes(`electron-v${manifest.version}-`))).toBe(true)
    expect(result.stdout).toContain(`Downloading Electron ${manifest.version}`)
    expect(result.stderr).toContain(`could not download Electron ${manifest.version}`)
    expect(result.stderr).toMatch(/Reason: .*404/)
    expect(result.stderr).toContain('ELECTRON_EXEC_PATH=/path/to/electron npm start')
    expect(result.stderr).not.toContain('Electron uninstall')
  })

  it('does nothing when the binary is installed, or when ELECTRON_EXEC_PATH names one', async () => {
    const dir = electronPackage()
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'version'), manifest.version)
    writeFileSync(join(dir, 'dist', 'electron'), '')
    writeFileSync(join(dir, 'path.txt'), 'electron')
    const installed = await run({ CHAT_TRAY_ELECTRON_DIR: dir, ELECTRON_MIRROR: mirrorUrl })
    expect(installed).toMatchObject({ code: 0, stdout: '' })
    const external = await run({
      CHAT_TRAY_ELECTRON_DIR: electronPackage(),
      ELECTRON_EXEC_PATH: join(dir, 'dist', 'electron'),
    })
    expect(external).toMatchObject({ code: 0, stdout: '' })
    const missing = await run({ CHAT_TRAY_ELECTRON_DIR: electronPackage(), ELECTRON_EXEC_PATH: '/nowhere/electron' })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('ELECTRON_EXEC_PATH points at /nowhere/electron, which does not exist.')
  })

  it('is what `npm start` runs before electron-vite', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(pkg.scripts.start).toBe('node scripts/ensure-electron.mjs && electron-vite dev')
  })
})

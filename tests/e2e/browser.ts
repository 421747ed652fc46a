/**
 * Finds a Chromium-based browser for the browser tests the way the ecosystem does: an explicit CHROMIUM_PATH,
 * then Playwright's own browser cache (`npx playwright-core install chromium`), then the system's Chrome,
 * Chromium or Edge for the OS. When none is found the error names the one command that gets one. The file
 * system and environment are injected so each OS is unit-tested on any machine.
 */
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { posix, win32 } from 'node:path'

/** What the finder may look at. */
export interface FinderSystem {
  platform: NodeJS.Platform
  arch: string
  env: Record<string, string | undefined>
  home: string
  exists(path: string): boolean
  list(dir: string): string[]
}

/** A found browser and where it came from. */
export interface FoundBrowser {
  path: string
  source: 'CHROMIUM_PATH' | 'playwright' | 'system'
}

/** The real machine. */
export function realSystem(): FinderSystem {
  return {
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    home: homedir(),
    exists: existsSync,
    list: (dir) => {
      try {
        return readdirSync(dir)
      } catch {
        return []
      }
    },
  }
}

/** The one command that installs a browser the tests can use, per OS. */
export function installCommand(platform: NodeJS.Platform): string {
  return platform === 'linux'
    ? 'npx playwright-core install --with-deps chromium'
    : 'npx playwright-core install chromium'
}

/** Returns the browser to launch, or throws an error that names the fix. */
export function findBrowser(sys: FinderSystem = realSystem()): FoundBrowser {
  const explicit = sys.env.CHROMIUM_PATH
  if (explicit) {
    if (sys.exists(explicit)) return { path: explicit, source: 'CHROMIUM_PATH' }
    throw new Error(`CHROMIUM_PATH is ${explicit}, which does not exist`)
  }
  const cached = playwrightBrowsers(sys).find((path) => sys.exists(path))
  if (cached) return { path: cached, source: 'playwright' }
  const system = systemBrowsers(sys).find((path) => sys.exists(path))
  if (system) return { path: system, source: 'system' }
  throw new Error(
    `No Chrome, Chromium or Edge found for the browser tests. Run \`${installCommand(sys.platform)}\`, ` +
      'or set CHROMIUM_PATH to a Chromium-based browser (CHAT_TRAY_SKIP_E2E=1 skips these tests on purpose).',
  )
}

/** Executables in Playwright's cache, newest revision first (full Chromium before the headless shell). */
export function playwrightBrowsers(sys: FinderSystem): string[] {
  const path = sys.platform === 'win32' ? win32 : posix
  const root = sys.env.PLAYWRIGHT_BROWSERS_PATH || defaultCache(sys)
  const arm = sys.arch === 'arm64'
  const layouts: [prefix: string, parts: string[]][] =
    sys.platform === 'linux'
      ? [
          ['chromium-', [arm ? 'chrome-linux-arm64' : 'chrome-linux64', 'chrome']],
          ['chromium-', ['chrome-linux', 'chrome']],
          [
            'chromium_headless_shell-',
            [arm ? 'chrome-headless-shell-linux-arm64' : 'chrome-headless-shell-linux64', 'chrome-headless-shell'],
          ],
        ]
      : sys.platform === 'darwin'
        ? [
            [
              'chromium-',
              [
                arm ? 'chrome-mac-arm64' : 'chrome-mac-x64',
                'Google Chrome for Testing.app',
                'Contents',
                'MacOS',
                'Google Chrome for Testing',
              ],
            ],
            ['chromium-', ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium']],
          ]
        : [
            ['chromium-', ['chrome-win64', 'chrome.exe']],
            ['chromium-', ['chrome-win', 'chrome.exe']],
          ]
  const revisions = (prefix: string) =>
    sys
      .list(root)
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)))
  return layouts.flatMap(([prefix, parts]) => revisions(prefix).map((dir) => path.join(root, dir, ...parts)))
}

function defaultCache(sys: FinderSystem): string {
  if (sys.platform === 'win32')
    return win32.join(sys.env.LOCALAPPDATA ?? win32.join(sys.home, 'AppData', 'Local'), 'ms-playwright')
  if (sys.platform === 'darwin') return posix.join(sys.home, 'Library', 'Caches', 'ms-playwright')
  return posix.join(sys.env.XDG_CACHE_HOME || posix.join(sys.home, '.cache'), 'ms-playwright')
}

/** Where each OS installs Chrome, Chromium and Edge. */
export function systemBrowsers(sys: FinderSystem): string[] {
  if (sys.platform === 'win32') {
    const roots = [sys.env.PROGRAMFILES, sys.env['PROGRAMFILES(X86)'], sys.env.LOCALAPPDATA].filter(Boolean) as string[]
    const apps = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ]
    return apps.flatMap((app) => roots.map((root) => win32.join(root, app)))
  }
  if (sys.platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]
    return apps.flatMap((app) =>
      ['/Applications', posix.join(sys.home, 'Applications')].map((dir) => posix.join(dir, app)),
    )
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/lib/chromium/chromium',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
  ]
}

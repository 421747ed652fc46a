import { describe, expect, it } from 'vitest'
import { type FinderSystem, findBrowser, installCommand } from './browser'

/** A fake machine: `files` exist, directories are derived from them. */
function machine(
  platform: NodeJS.Platform,
  files: string[],
  env: Record<string, string> = {},
  arch = 'x64',
): FinderSystem {
  const sep = platform === 'win32' ? '\\' : '/'
  return {
    platform,
    arch,
    env,
    home: platform === 'win32' ? 'C:\\Users\\ann' : platform === 'darwin' ? '/Users/ann' : '/home/ann',
    exists: (path) => files.includes(path),
    list: (dir) => [
      ...new Set(
        files.filter((f) => f.startsWith(dir + sep)).map((f) => f.slice(dir.length + 1).split(sep)[0] as string),
      ),
    ],
  }
}

describe('browser finder', () => {
  it('prefers CHROMIUM_PATH, and names a missing one', () => {
    const sys = machine('linux', ['/opt/my/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/my/chrome' })
    expect(findBrowser(sys)).toEqual({ path: '/opt/my/chrome', source: 'CHROMIUM_PATH' })
    expect(() => findBrowser(machine('linux', [], { CHROMIUM_PATH: '/nope' }))).toThrow('CHROMIUM_PATH is /nope')
  })

  it("uses Playwright's cache (newest revision) before the system browser, on each OS", () => {
    const linux = machine('linux', [
      '/home/ann/.cache/ms-playwright/chromium-1100/chrome-linux64/chrome',
      '/home/ann/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
      '/usr/bin/chromium',
    ])
    expect(findBrowser(linux)).toEqual({
      path: '/home/ann/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
      source: 'playwright',
    })
    const mac = machine(
      'darwin',
      [
        '/Users/ann/Library/Caches/ms-playwright/chromium-1255/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      ],
      {},
      'arm64',
    )
    expect(findBrowser(mac).source).toBe('playwright')
    const win = machine('win32', ['D:\\pw\\chromium-1255\\chrome-win64\\chrome.exe'], {
      PLAYWRIGHT_BROWSERS_PATH: 'D:\\pw',
    })
    expect(findBrowser(win)).toEqual({ path: 'D:\\pw\\chromium-1255\\chrome-win64\\chrome.exe', source: 'playwright' })
  })

  it('falls back to the system Chrome, Chromium or Edge', () => {
    expect(findBrowser(machine('linux', ['/usr/bin/google-chrome'])).path).toBe('/usr/bin/google-chrome')
    expect(
      findBrowser(machine('darwin', ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'])).path,
    ).toBe('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge')
    const win = machine('win32', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], {
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
    })
    expect(findBrowser(win)).toEqual({
      path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      source: 'system',
    })
  })

  it('names the one command for the OS when there is none', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(() => findBrowser(machine(platform, []))).toThrow(`Run \`${installCommand(platform)}\``)
    expect(installCommand('linux')).toBe('npx playwright-core install --with-deps chromium')
    expect(installCommand('darwin')).toBe('npx playwright-core install chromium')
  })
})

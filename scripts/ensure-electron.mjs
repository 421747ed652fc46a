// `npm start` step 1: make sure the Electron binary is there. Since Electron 42 the npm package no longer
// downloads it at install time but on first use (its `install-electron` bin), and electron-vite 6 only reads
// `node_modules/electron/path.txt` and stops with "Electron uninstall" (docs/desktop-shell.md). So this runs the
// package's own installer first, and when the download is impossible says exactly why and what to do.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Longest wait for the download (~100 MB on a slow line), so a dead network fails instead of hanging. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000

const electronDir =
  process.env.CHAT_TRAY_ELECTRON_DIR || dirname(createRequire(import.meta.url).resolve('electron/package.json'))
const manifest = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
const target = `Electron ${manifest.version} for ${process.platform}-${process.arch}`

if (process.env.ELECTRON_EXEC_PATH) {
  if (existsSync(process.env.ELECTRON_EXEC_PATH)) process.exit(0)
  fail(`ELECTRON_EXEC_PATH points at ${process.env.ELECTRON_EXEC_PATH}, which does not exist.`, '')
}

const installer = join(electronDir, manifest.bin['install-electron'])
const installed = () => {
  const pathFile = join(electronDir, 'path.txt')
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))
}
if (!installed()) {
  process.stdout.write(`Downloading ${target} (about 100 MB, once)…\n`)
  const result = spawnSync(process.execPath, [installer], {
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
    encoding: 'utf8',
  })
  if (result.status !== 0 || !installed()) {
    const reason = result.error?.message ?? lastMeaningfulLine(result.stderr ?? '') ?? `exit code ${result.status}`
    fail(`could not download ${target}.`, reason)
  }
}

function lastMeaningfulLine(text) {
  const lines = text.split('\n').map((l) => l.trim())
  return lines.find((l) => /^(\w*Error|RequestError|HTTPError)\b/.test(l)) ?? lines.filter(Boolean)[0] ?? null
}

function fail(what, reason) {
  console.error(
    [
      `Chat Tray: ${what}`,
      reason ? `  Reason: ${reason}` : null,
      '  `npm start` runs the real desktop app, so it needs the Electron binary, which is downloaded from',
      '  github.com/electron/electron/releases on first use. What you can do:',
      '  - online: check the proxy (HTTPS_PROXY) and run `npm start` again;',
      '  - with a mirror: ELECTRON_MIRROR=https://your-mirror/electron/ npm start;',
      `  - offline: unpack ${target} from another machine and run ELECTRON_EXEC_PATH=/path/to/electron npm start;`,
      '  - without Electron: `npm run headless` runs the same engine in a terminal, and `npm test` boots the',
      '    built desktop app under a stand-in for Electron (docs/desktop-shell.md, "What the tests prove").',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  )
  process.exit(1)
}

// `npm run headless` and `npm run hub`: run the built host (out/hosts/<name>.js), building it first when any
// source is newer than the bundle (`npm run build` always rebuilds). The host runs in this very process, so a
// signal reaches it directly and stdout carries nothing but its NDJSON (the build logs warnings to stderr only).
// Usage: node scripts/run-host.mjs <headless|hub> [flags of the host…]
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ENTRIES = ['headless', 'hub']
/** What the bundle is built from: the plain-Node sources, the manifest and the build's own config. */
const INPUTS = ['electron', 'shared', 'package.json', 'hosts.vite.config.ts']

const name = process.argv[2]
if (!ENTRIES.includes(name)) {
  process.stderr.write(`usage: node scripts/run-host.mjs <${ENTRIES.join('|')}> [flags]\n`)
  process.exit(2)
}

/** Newest modification time under `path` (0 when it does not exist). */
function newest(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stat.mtimeMs)
}

const bundles = ENTRIES.map((entry) => join(root, 'out', 'hosts', `${entry}.js`))
const built = Math.min(...bundles.map((bundle) => newest(bundle) || Number.NEGATIVE_INFINITY))
if (INPUTS.some((input) => newest(join(root, input)) > built)) {
  const { build } = await import('vite')
  await build({ configFile: join(root, 'hosts.vite.config.ts') })
}
// The hub also serves the supervisor board (out/board), built from the panel's sources when it is stale.
const BOARD_INPUTS = ['renderer/board', 'renderer/src', 'shared', 'board.vite.config.ts']
const board = newest(join(root, 'out', 'board', 'index.html'))
if (name === 'hub' && (board === 0 || BOARD_INPUTS.some((input) => newest(join(root, input)) > board))) {
  const { build } = await import('vite')
  await build({ configFile: join(root, 'board.vite.config.ts') })
}

// The host reads its flags from process.argv.slice(2), as if it had been started directly.
process.argv.splice(2, 1)
await import(pathToFileURL(join(root, 'out', 'hosts', `${name}.js`)).href)

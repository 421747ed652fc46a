/**
 * Everything about a help desk lives in its folder: outside `electron/core/sources/<desk>/`, its settings
 * declaration `shared/sources/<desk>.ts` (what the renderer reads too) and the registry, no non-test file,
 * TypeScript or CSS, names HelpCrunch or DeskDirector in code (comments are stripped first), except the files
 * below, each with its reason. The team hub (server and client) is in none of these places and names no desk.
 * docs/architecture.md ("What still names a help desk outside its folder, and why") lists the same files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const DESK_NAME = /helpcrunch|deskdirector/i
const OWN_FOLDER = /^electron\/core\/sources\/[^/]+\/|^shared\/sources\/[^/]+\.ts$/
const REGISTRY = 'electron/core/sources/registry.ts'

/** Files allowed to name a help desk, and why. */
const ALLOWED: Record<string, string> = {
  'electron/hosts/headless/options.ts':
    'headless CLI flags and variables (--helpcrunch-key, …) are a documented contract (docs/headless.md)',
  'electron/hosts/headless/host.ts': 'writes those flags into the settings sections helpcrunch.* / deskdirector.*',
  'electron/core/demo/demo-mode.ts': 'demo mode runs the simulated help desks',
  'electron/core/demo/driver.ts': 'drives the simulated help desks',
  'electron/core/demo/scenario.ts': 'the demo scenario is written in each simulated help desk’s terms',
  'electron/core/demo/world.ts': 'the simulated help desks’ shared world',
  'electron/core/demo/fake-helpcrunch/routes.ts': 'the simulated HelpCrunch API',
  'electron/core/demo/fake-helpcrunch/server.ts': 'the simulated HelpCrunch API',
  'electron/main/platform/login-item.ts': 'the autostart .desktop Comment line, product text',
  'renderer/src/bench/measure.tsx': 'benchmark fixtures: synthetic chats from both help desks',
  'renderer/src/components/Onboarding.tsx': 'product text: what Chat Tray watches',
  'renderer/src/components/settings/ConnectionSettings.tsx':
    'the Settings screen that edits helpcrunch.* / deskdirector.*',
  'renderer/src/components/settings/SectionNav.tsx': 'the Settings section links to those sections',
  'renderer/src/lib/settings-rules.ts': 'labels and limits of fields in those settings sections',
  'renderer/src/lib/check-fields.ts': 'maps "Check my setup" check ids to fields in those settings sections',
  'renderer/src/testing/fake-bridge.ts': 'test support: a fake main process',
  'shared/settings.ts': 'SOURCE_SETTINGS lists the shipped desks’ settings declarations (the registry must match it)',
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(tsx?|css)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

/**
 * The text without comments: block comments, and in TypeScript line comments too (simply: a `//` after `:` or a
 * quote is kept, e.g. in URLs). CSS has block comments only, so its `//` (as in `url(//host)`) is code.
 */
function stripComments(text: string, css = false): string {
  const withoutBlocks = text.replace(/\/\*[\s\S]*?\*\//g, '')
  return css ? withoutBlocks : withoutBlocks.replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

/** Repository-relative files outside the desk folders and the registry that name a help desk in code. */
function filesNamingADesk(): string[] {
  return ['electron', 'renderer/src', 'renderer/board', 'shared']
    .flatMap((dir) => sourceFiles(join(root, dir)))
    .map((file) => relative(root, file).split('\\').join('/'))
    .filter((file) => !OWN_FOLDER.test(file) && file !== REGISTRY)
    .filter((file) => DESK_NAME.test(stripComments(readFileSync(join(root, file), 'utf8'), file.endsWith('.css'))))
}

describe('help-desk names stay in their folders', () => {
  it('strips comments but keeps code and URLs', () => {
    const text = "// helpcrunch\n/* deskdirector\n */ const a = 1 // HelpCrunch\nconst u = 'https://x.deskdirector.com'"
    expect(stripComments(text)).not.toMatch(/helpcrunch/i)
    expect(stripComments(text)).toMatch(/x\.deskdirector\.com/)
    const css = '/* .source-helpcrunch */\n.row { background: url(//cdn.example/deskdirector.png) }'
    expect(stripComments(css, true)).not.toMatch(/helpcrunch/)
    expect(stripComments(css, true)).toMatch(/deskdirector\.png/)
  })

  it('no file outside a desk folder, the registry and the allowlist names a help desk in code', () => {
    expect(filesNamingADesk().filter((file) => !(file in ALLOWED))).toEqual([])
  })

  it('the team hub, server and client, and its wire name no help desk: every desk reaches it as data', () => {
    const isHub = (file: string) => file.startsWith('electron/hub/') || file === 'shared/protocol/hub.ts'
    expect(filesNamingADesk().filter(isHub)).toEqual([])
    expect(Object.keys(ALLOWED).filter(isHub)).toEqual([])
  })

  it('every allowlisted file still names one (the list shrinks as files are cleaned)', () => {
    const naming = new Set(filesNamingADesk())
    expect(Object.keys(ALLOWED).filter((file) => !naming.has(file))).toEqual([])
  })
})

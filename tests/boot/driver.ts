/**
 * Boots a built main process (out/main/index.js, dev or packaged layout) under the stand-in `electron` in a
 * child Node process, and drives it over the control channel like a user or the OS would.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..')
const STAND_IN = join(import.meta.dirname, 'stand-in')

/** Platforms the stand-in emulates. */
export type EmulatedPlatform = 'darwin' | 'win32' | 'linux'

/** Where the app's files are, as Electron would see them. */
export interface Layout {
  name: 'dev' | 'packaged'
  /** The main module to boot. */
  main: string
  /** `app.getAppPath()` (the repo in dev, `<resources>/app.asar` packaged). */
  appPath: string
  /** `process.resourcesPath`. */
  resourcesPath: string
  packaged: boolean
}

/** The dev layout: `electron .` in the repository after `electron-vite build`. */
export function devLayout(): Layout {
  return {
    name: 'dev',
    main: join(ROOT, 'out', 'main', 'index.js'),
    appPath: ROOT,
    resourcesPath: join(ROOT, 'node_modules', 'electron', 'dist', 'resources'),
    packaged: false,
  }
}

/** Options of one boot. */
export interface BootOptions {
  layout: Layout
  platform: EmulatedPlatform
  /** Extra environment (STAND_IN_* switches, ELECTRON_RENDERER_URL, XDG_CONFIG_HOME, …). */
  env?: Record<string, string>
  userData?: string
  /** Command-line arguments of the app (e.g. `--check`). */
  args?: string[]
}

/** One recorded toast. */
export interface ToastRecord {
  id: number
  title: string
  body: string
  actions: string[]
  listeners: string[]
}

/** A menu item as the stand-in describes it. */
export interface MenuRecord {
  label: string
  enabled: boolean
  checked?: boolean
  submenu?: MenuRecord[]
}

/** What the stand-in recorded (see stand-in/control.cjs `state`). */
export interface BootState {
  ready: boolean
  errors: { kind: string; message: string }[]
  toasts: ToastRecord[]
  images: { path: string | null; empty: boolean; hiDpi: boolean; template: boolean }[]
  loads: { url: string; preload: string | null; ok: boolean; error: string | null }[]
  dialogs: { kind: string; title: string; content: string }[]
  opened: { kind: string; target: string; exists?: boolean }[]
  calls: { name: string; args: unknown[] }[]
  deprecated: string[]
  sent: number
  windows: {
    id: number
    visible: boolean
    allWorkspaces: boolean
    fullScreenVisible: boolean
    url: string
    contentsId: number
    title: string
    skipTaskbar: boolean
    frame: boolean
    minimized: boolean
    flashing: boolean
    menu: MenuRecord[] | null
  }[]
  trays: {
    image: { path: string | null; empty: boolean; hiDpi: boolean; template: boolean } | null
    tooltip: string
    title: string
    menu: MenuRecord[] | undefined
    popped: MenuRecord[] | undefined
    popups: number
  }[]
  shortcuts: string[]
  ipcHandlers: string[]
  loginItem: { openAtLogin: boolean }
  dockHidden: boolean | null
  userModelId: string | null
  /** Requests through `net` (fetch and request); `blocked` ones went beyond loopback and were refused. */
  requests?: { url: string; method: string; blocked: boolean }[]
  exitCode?: number
}

/** A booted app. */
export interface BootedApp {
  userData: string
  /** Runs a control op (see stand-in/control.cjs). */
  op<T = unknown>(name: string, ...args: unknown[]): Promise<T>
  state(): Promise<BootState>
  /** Resolves with the exit code once the app exits. */
  exited: Promise<number | null>
  /** The state the app reported as it exited (null until it exits through `app.exit`/`app.quit`). */
  finalState(): BootState | null
  /** Output of the child (for failure messages). */
  output(): string
  kill(): Promise<void>
}

/** Boots the app; resolves once the control channel answers (the app may still be starting). */
export async function bootApp(options: BootOptions): Promise<BootedApp> {
  const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'chat-tray-boot-'))
  const child: ChildProcess = fork(join(STAND_IN, 'entry.mjs'), options.args ?? [], {
    execArgv: ['--import', pathToFileURL(join(STAND_IN, 'register.mjs')).href],
    cwd: options.layout.appPath.endsWith('.asar') ? options.layout.resourcesPath : options.layout.appPath,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: userData,
      XDG_CONFIG_HOME: join(userData, 'xdg-config'),
      STAND_IN_PLATFORM: options.platform,
      STAND_IN_MAIN: options.layout.main,
      STAND_IN_APP_PATH: options.layout.appPath,
      STAND_IN_RESOURCES: options.layout.resourcesPath,
      STAND_IN_PACKAGED: options.layout.packaged ? '1' : '0',
      STAND_IN_USER_DATA: userData,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 1
  let exitCode: number | null = null
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code
      for (const waiter of pending.values()) waiter.reject(new Error(`app exited (${code}) during an op\n${output}`))
      resolve(code)
    }),
  )
  let finalState: BootState | null = null
  child.on('message', (message: { id?: number; ok?: boolean; result?: unknown; error?: string; state?: BootState }) => {
    if (message.state) finalState = message.state
    if (message.id === undefined) return
    const waiter = pending.get(message.id)
    pending.delete(message.id)
    if (message.ok) waiter?.resolve(message.result)
    else waiter?.reject(new Error(message.error))
  })
  const op = <T>(name: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      if (exitCode !== null || !child.connected) return reject(new Error(`app is not running\n${output}`))
      const id = nextId++
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      // The app may exit between the check above and the write (a test closing it while a pump still asks):
      // the failed write rejects this op instead of surfacing as an uncaught EPIPE on the child.
      child.send({ id, op: name, args }, (error) => {
        if (!error) return
        pending.delete(id)
        reject(new Error(`app is not running (${error.message})\n${output}`))
      })
    })
  const app: BootedApp = {
    userData,
    op,
    state: () => op<BootState>('state'),
    exited,
    finalState: () => finalState,
    output: () => output,
    async kill() {
      if (exitCode === null && child.exitCode === null) {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
  await app.state()
  return app
}

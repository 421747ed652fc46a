import { describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../shared/alert'
import { IPC_CHANNELS } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../engine/log'
import { memorySecrets, memorySettings } from '../runtime/ports'
import { createRuntime } from '../runtime/runtime'
import { createRuntimeSupervisor, type RuntimeMode } from '../runtime/supervisor'

const m = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown
  const on = () => {
    const handlers: Record<string, Fn> = {}
    return { handlers, on: vi.fn((event: string, fn: Fn) => (handlers[event] = fn)) }
  }
  const order: string[] = []
  const contents = {
    id: 11,
    ...on(),
    send: vi.fn(),
    isDestroyed: () => false,
    isDevToolsOpened: () => false,
    setWindowOpenHandler: vi.fn(),
    executeJavaScript: vi.fn(async () => {}),
    session: { setPermissionRequestHandler: vi.fn() },
  }
  const win = {
    ...on(),
    webContents: contents,
    loadFile: vi.fn(async () => order.push('load')),
    loadURL: vi.fn(async () => order.push('load')),
    isVisible: () => false,
    isDestroyed: () => false,
    setVisibleOnAllWorkspaces: vi.fn(),
    show: vi.fn(),
    hide: vi.fn(),
    focus: vi.fn(),
    setPosition: vi.fn(),
    setAlwaysOnTop: vi.fn(),
  }
  const tray = {
    ...on(),
    setImage: vi.fn(),
    setToolTip: vi.fn(),
    setTitle: vi.fn(),
    setContextMenu: vi.fn(),
    getBounds: () => ({ x: 0, y: 0, width: 0, height: 0 }),
    destroy: vi.fn(),
  }
  const handlers = new Map<string, Fn>()
  const toasts: { options: Record<string, unknown> }[] = []
  const power = on()
  class FakeNotification {
    static isSupported = () => true
    constructor(readonly options: Record<string, unknown>) {
      toasts.push(this)
    }
    on() {
      return this
    }
    show() {}
  }
  const display = { workArea: { x: 0, y: 0, width: 1600, height: 900 } }
  const electron = {
    BrowserWindow: vi.fn(
      class {
        constructor() {
          // biome-ignore lint/correctness/noConstructorReturn: the mocked class hands back the shared fake
          return win
        }
      },
    ),
    Tray: vi.fn(
      class {
        constructor() {
          // biome-ignore lint/correctness/noConstructorReturn: the mocked class hands back the shared fake
          return tray
        }
      },
    ),
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })) },
    nativeImage: { createFromPath: vi.fn((p: string) => ({ path: p })) },
    Notification: FakeNotification,
    ipcMain: {
      handle: vi.fn((ch: string, fn: Fn) => {
        order.push('ipc')
        handlers.set(ch, fn)
      }),
      removeHandler: vi.fn(),
    },
    screen: { getDisplayMatching: () => display, getPrimaryDisplay: () => display },
    shell: { openExternal: vi.fn(async () => {}), openPath: vi.fn(async () => '') },
    app: { isPackaged: false, getAppPath: () => '/app', quit: vi.fn(), setLoginItemSettings: vi.fn() },
    nativeTheme: { themeSource: 'system' },
    globalShortcut: { register: vi.fn(() => true), unregister: vi.fn(), isRegistered: vi.fn(() => false) },
    powerMonitor: power,
  }
  return { electron, order, contents, tray, handlers, toasts, power }
})
vi.mock('electron', () => ({ ...m.electron, default: m.electron }))

import { startDesktop } from './desktop'

async function boot() {
  const settings = defaultSettings()
  settings.listener.port = 0
  const realSettings = memorySettings(settings)
  const build = async (mode: RuntimeMode) => ({
    runtime: createRuntime({
      settings: mode === 'real' ? realSettings : memorySettings({ ...settings, app: { ...settings.app, demo: true } }),
      secrets: memorySecrets(),
      log: silentLogger,
      version: 't',
      stateDir: null,
      demo: mode === 'demo',
    }),
  })
  const supervisor = await createRuntimeSupervisor({ settings: realSettings, build, log: silentLogger, version: 't' })
  const runtime = supervisor.current()
  await startDesktop({
    supervisor,
    log: silentLogger,
    logFolder: '/logs',
    preloadPath: '/p.cjs',
    indexFile: '/app/out/renderer/index.html',
    devUrl: null,
    iconDir: '/icons',
  })
  const invoke = m.handlers.get(IPC_CHANNELS.command) as (
    ...args: unknown[]
  ) => Promise<{ ok: boolean; result?: unknown }>
  const fromPanel = { sender: { id: 11 }, senderFrame: { url: 'file:///app/out/renderer/index.html' } }
  return { runtime, supervisor, invoke: (name: string, params: unknown) => invoke(fromPanel, name, params) }
}

describe('desktop wiring (electron mocked)', () => {
  it('registers IPC before the page loads, answers the panel, and forwards events to it', async () => {
    const { runtime, invoke } = await boot()
    expect(m.order).toEqual(['ipc', 'load'])
    expect((await invoke('snapshot.get', {})).ok).toBe(true)
    runtime.engine.store.apply(makeChat())
    expect(m.contents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, expect.objectContaining({ type: 'chat.added' }))
    await vi.waitFor(() => expect(m.tray.setImage).toHaveBeenLastCalledWith({ path: '/icons/waiting.png' }), {
      timeout: 2000,
    })
    expect(m.tray.setToolTip).toHaveBeenLastCalledWith(expect.stringContaining('1 waiting'))
  })

  it('opens allowed chat links from chat.open, refuses others', async () => {
    const { runtime, invoke } = await boot()
    runtime.engine.store.apply(makeChat({ sourceId: 'ok', webUrl: 'https://acme.helpcrunch.com/inbox/chats/1' }))
    runtime.engine.store.apply(makeChat({ sourceId: 'bad', webUrl: 'https://evil.example/' }))
    await invoke('chat.open', { key: 'deskdirector:ok' })
    await invoke('chat.open', { key: 'deskdirector:bad' })
    expect(m.electron.shell.openExternal).toHaveBeenCalledTimes(1)
    expect(m.electron.shell.openExternal).toHaveBeenCalledWith('https://acme.helpcrunch.com/inbox/chats/1')
  })

  it('shows a silent toast for an alert and refreshes on wake', async () => {
    const { runtime } = await boot()
    const refresh = vi.spyOn(runtime.engine.dispatcher, 'dispatch')
    const alert: Alert = {
      id: 'x',
      kind: 'new',
      chatKeys: ['a:1'],
      title: 'New chat',
      body: 'hi',
      urgency: 'normal',
      actions: [],
      sound: 'new',
      at: 1,
    }
    runtime.engine.bus.emit({ type: 'alert', alert })
    expect(m.toasts.at(-1)?.options).toMatchObject({ title: 'New chat', silent: true })
    m.power.handlers.resume?.()
    // The supervisor lets a swap in progress finish first, so the dispatch lands a tick later.
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledWith('sources.refresh', {}))
  })

  it('follows a swap to the demo runtime: IPC, events, tray and toasts all use the new one', async () => {
    const { supervisor, invoke } = await boot()
    await invoke('settings.update', { patch: { app: { demo: true } } })
    await supervisor.dispatch('settings.get', {})
    expect(supervisor.mode()).toBe('demo')
    const demo = supervisor.current()
    expect(m.contents.send).toHaveBeenCalledWith(
      IPC_CHANNELS.event,
      expect.objectContaining({ type: 'ready', demo: true }),
    )
    demo.engine.store.apply(makeChat({ sourceId: 'demo-1', demo: true }))
    const snapshot = await invoke('snapshot.get', {})
    expect((snapshot.result as { chats: { key: string }[] }).chats.map((c) => c.key)).toEqual(['deskdirector:demo-1'])
    await vi.waitFor(() => expect(m.tray.setToolTip).toHaveBeenLastCalledWith(expect.stringMatching(/^Demo data — /)), {
      timeout: 2000,
    })
    demo.engine.bus.emit({
      type: 'alert',
      alert: {
        id: 'd',
        kind: 'new',
        chatKeys: ['deskdirector:demo-1'],
        title: 'New chat',
        body: '',
        urgency: 'normal',
        actions: [],
        sound: null,
        at: 1,
      },
    })
    expect(m.toasts.at(-1)?.options).toMatchObject({ title: 'Demo · New chat' })
    await supervisor.stop()
  })
})

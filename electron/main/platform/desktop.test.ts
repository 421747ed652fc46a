import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../shared/alert'
import { IPC_CHANNELS } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../../core/engine/log'
import { memorySecrets, memorySettings } from '../../core/runtime/ports'
import { createRuntime } from '../../core/runtime/runtime'
import { createRuntimeSupervisor, type RuntimeMode } from '../../core/runtime/supervisor'

// The boot harness's stand-in electron, in this process (tests/boot/stand-in/README.md), instead of a mock per call.
const standIn = await vi.hoisted(async () => {
  const { createRequire } = await import('node:module')
  return createRequire(import.meta.url)(
    '../../../tests/boot/stand-in/in-process.cjs',
  ) as typeof import('../../../tests/boot/stand-in/in-process.cjs')
})
vi.mock('electron', () => ({ ...standIn.electron, default: standIn.electron }))

import { startDesktop } from './desktop'

afterEach(() => standIn.reset())

async function boot() {
  standIn.ready()
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
  const app = mkdtempSync(join(tmpdir(), 'chat-tray-desktop-'))
  writeFileSync(join(app, 'index.html'), '<!doctype html>')
  writeFileSync(join(app, 'preload.cjs'), '')
  startDesktop({
    supervisor,
    log: silentLogger,
    logFolder: app,
    preloadPath: join(app, 'preload.cjs'),
    indexFile: join(app, 'index.html'),
    devUrl: null,
    iconDir: '/icons',
  })
  await vi.waitFor(() => expect(standIn.record.loads[0]?.ok).toBe(true))
  const handler = standIn.ipcMain.handlers.get(IPC_CHANNELS.command) as (
    ...args: unknown[]
  ) => Promise<{ ok: boolean; result?: unknown }>
  const contents = () => standIn.windows[0]?.webContents
  const invoke = (name: string, params: unknown) =>
    handler({ sender: contents(), senderFrame: { url: contents()?.getURL() } }, name, params)
  return { runtime, supervisor, invoke }
}

const sentTypes = () => standIn.sends.map((s) => (s.args[0] as { type: string }).type)
const tray = () => standIn.trays[0]?.describe()

describe('desktop wiring (stand-in electron)', () => {
  it('registers IPC before the page loads, answers the panel, and forwards events to it', async () => {
    const { runtime, invoke } = await boot()
    expect(standIn.record.loads[0]?.handlers).toContain(IPC_CHANNELS.command)
    expect((await invoke('snapshot.get', {})).ok).toBe(true)
    runtime.engine.store.apply(makeChat())
    expect(sentTypes()).toContain('chat.added')
    await vi.waitFor(() => expect(tray()?.image?.path).toBe('/icons/waiting.png'), { timeout: 2000 })
    expect(tray()?.tooltip).toContain('1 waiting')
  })

  it('refuses commands from another page', async () => {
    await boot()
    const handler = standIn.ipcMain.handlers.get(IPC_CHANNELS.command) as (...args: unknown[]) => Promise<unknown>
    const sender = standIn.windows[0]?.webContents
    await expect(
      handler({ sender, senderFrame: { url: 'https://evil.example/' } }, 'snapshot.get', {}),
    ).resolves.toMatchObject({
      ok: false,
      error: { message: 'unexpected sender page' },
    })
  })

  it('opens allowed chat links from chat.open, refuses others', async () => {
    const { runtime, invoke } = await boot()
    runtime.engine.store.apply(makeChat({ sourceId: 'ok', webUrl: 'https://acme.helpcrunch.com/inbox/chats/1' }))
    runtime.engine.store.apply(makeChat({ sourceId: 'bad', webUrl: 'https://evil.example/' }))
    await invoke('chat.open', { key: 'deskdirector:ok' })
    await invoke('chat.open', { key: 'deskdirector:bad' })
    await vi.waitFor(() => expect(standIn.record.opened).toHaveLength(1))
    expect(standIn.record.opened[0]).toEqual({ kind: 'external', target: 'https://acme.helpcrunch.com/inbox/chats/1' })
  })

  it('shows a silent toast for an alert and heals the runtime on wake', async () => {
    const { runtime, supervisor } = await boot()
    const wake = vi.spyOn(supervisor, 'wake')
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
    expect(standIn.record.toasts.at(-1)).toMatchObject({ title: 'New chat', silent: true })
    standIn.powerMonitor.emit('resume')
    standIn.powerMonitor.emit('unlock-screen')
    // Sources refresh, the listener is proven, a hub reconnects (core/runtime/wake.ts).
    await vi.waitFor(() => expect(wake.mock.calls).toEqual([['resume'], ['unlock-screen']]))
  })

  it('tells the runtime when the screen locks, the machine suspends and the agent is back (team presence)', async () => {
    const { supervisor } = await boot()
    const activity = () => supervisor.current().engine.team.activity
    standIn.powerMonitor.emit('lock-screen')
    await vi.waitFor(() => expect(activity()).toBe('locked'))
    standIn.powerMonitor.emit('unlock-screen')
    await vi.waitFor(() => expect(activity()).toBe('active'))
    standIn.powerMonitor.emit('suspend')
    await vi.waitFor(() => expect(activity()).toBe('suspended'))
    standIn.powerMonitor.emit('resume')
    await vi.waitFor(() => expect(activity()).toBe('active'))
  })

  it('follows a swap to the demo runtime: IPC, events, tray and toasts all use the new one', async () => {
    const { supervisor, invoke } = await boot()
    await invoke('settings.update', { patch: { app: { demo: true } } })
    await supervisor.run('settings.get', {})
    expect(supervisor.mode()).toBe('demo')
    const demo = supervisor.current()
    expect(standIn.sends.map((s) => s.args[0])).toContainEqual(expect.objectContaining({ type: 'ready', demo: true }))
    demo.engine.store.apply(makeChat({ sourceId: 'demo-1', demo: true }))
    const snapshot = await invoke('snapshot.get', {})
    expect((snapshot.result as { chats: { key: string }[] }).chats.map((c) => c.key)).toEqual(['deskdirector:demo-1'])
    await vi.waitFor(() => expect(tray()?.tooltip).toMatch(/^Demo data — /), { timeout: 2000 })
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
    expect(standIn.record.toasts.at(-1)).toMatchObject({ title: 'Demo · New chat' })
    await supervisor.stop()
  })
})

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '../../shared/protocol'
import { bootedAppPerTest, failures, waitForState } from './boot-helpers'
import { type BootedApp, type BootState, bootApp, devLayout } from './driver'
import { DESKDIRECTOR_SITE, deliverChat, listenerHealth } from './settings-file'

const { boot, track } = bootedAppPerTest()

/** Delivers a chat and waits for its toast. */
async function alertFor(booted: BootedApp, port: number, id: string, name: string) {
  expect(await deliverChat(port, id, name)).toBeLessThan(300)
  const state = await waitForState(booted, (s) => expect(s.toasts.some((t) => t.body.includes(name))).toBe(true))
  return state.toasts.find((t) => t.body.includes(name)) as BootState['toasts'][number]
}

const menuLabels = (state: BootState) => (state.trays[0]?.menu ?? state.trays[0]?.popped ?? []).map((i) => i.label)
const visible = (state: BootState) => state.windows.some((w) => w.visible)

describe.each(['win32', 'darwin'] as const)('toasts on %s', (platform) => {
  it('carry Snooze and Open; Open opens the chat, Snooze takes it off the waiting list', async () => {
    const { app, port } = await boot(platform)
    const first = await alertFor(app, port, '1700000001-AAAA', 'Ana')
    expect(first.actions).toEqual(['Snooze 15 min', 'Open'])
    await app.op('toastAction', first.id, 1)
    await waitForState(app, (s) => expect(s.opened.map((o) => o.target)).toContain(`${DESKDIRECTOR_SITE}/tech`))
    const second = await alertFor(app, port, '1700000002-BBBB', 'Bea')
    await app.op('toastAction', second.id, 0)
    await app.op('trayRightClick')
    await waitForState(app, async (s) => {
      if (!menuLabels(s).some((l) => l.startsWith('Bea'))) return
      await app?.op('trayRightClick')
      throw new Error('Bea is still listed as waiting')
    })
    const third = await alertFor(app, port, '1700000003-CCCC', 'Cem')
    await app.op('toastClick', third.id)
    await waitForState(app, (s) => expect(s.opened.filter((o) => o.kind === 'external')).toHaveLength(2))
    expect(failures(await app.state())).toEqual([])
    expect((await app.state()).deprecated).toEqual([])
  })
})

describe('toasts on linux', () => {
  it('have no buttons; a click opens the chat; a toast the OS refuses is logged', async () => {
    const { app, port, userData } = await boot('linux')
    const toast = await alertFor(app, port, '1700000001-AAAA', 'Ana')
    expect(toast.actions).toEqual([])
    await expect(app.op('toastAction', toast.id, 0)).rejects.toThrow(/no action buttons/)
    const other = await alertFor(app, port, '1700000002-BBBB', 'Bea')
    await app.op('toastFail', other.id, 'org.freedesktop.Notifications was not provided')
    await vi.waitFor(() =>
      expect(readFileSync(join(userData, 'logs', 'main.log'), 'utf8')).toMatch(/did not show a toast/),
    )
    await app.op('toastClick', toast.id)
    await waitForState(app, (s) => expect(s.opened.some((o) => o.kind === 'external')).toBe(true))
  })
})

describe('the tray menu, item by item (linux)', () => {
  it('every item does what it says', async () => {
    const { app, port, userData } = await boot('linux')
    await app.op('menuClick', ['Do not disturb', 'For 30 minutes'])
    await waitForState(app, (s) => expect(menuLabels(s)).toContain('Do not disturb (on)'))
    await app.op('menuClick', ['Do not disturb (on)', 'Off'])
    await waitForState(app, (s) => expect(menuLabels(s)).toContain('Do not disturb'))
    await alertFor(app, port, '1700000001-AAAA', 'Ana')
    await waitForState(app, (s) => expect(menuLabels(s).some((l) => l.startsWith('Ana'))).toBe(true))
    await app.op('menuClick', ['Snooze all waiting (15 min)'])
    await waitForState(app, (s) => expect(menuLabels(s)).toContain('No one is waiting'))
    await app.op('menuClick', ['Open panel'])
    expect(visible(await app.state())).toBe(true)
    await app.op('menuClick', ['Keep panel open'])
    await app.op('blur')
    expect(visible(await app.state())).toBe(true)
    await app.op('menuClick', ['Keep panel open'])
    await app.op('menuClick', ['Open panel'])
    await app.op('blur')
    expect(visible(await app.state())).toBe(false)
    await app.op('menuClick', ['Settings…'])
    await waitForState(app, (s) =>
      expect(s.calls.some((c) => c.name === 'webContents.send' && c.args[1] === 'panel.show')).toBe(true),
    )
    await app.op('menuClick', ['Open log folder'])
    await waitForState(app, (s) => expect(s.opened.find((o) => o.kind === 'path')?.exists).toBe(true))
    await app.op('menuClick', ['Show demo data'])
    await waitForState(app, (s) => expect(s.trays[0]?.tooltip).toMatch(/^Demo data — /))
    await app.op('menuClick', ['Show demo data'])
    await waitForState(app, (s) => expect(s.trays[0]?.tooltip).not.toMatch(/^Demo data/))
    expect(failures(await app.state())).toEqual([])
    await app.op('menuClick', ['Quit Chat Tray'])
    expect(await app.exited).toBe(0)
    expect(await listenerHealth(port)).toBeNull()
    // The quit waited for the runtime to stop (Electron itself would not wait for a promise).
    expect(readFileSync(join(userData, 'logs', 'main.log'), 'utf8')).toMatch(/runtime stopped; quitting/)
  })
})

describe.each(['linux', 'darwin', 'win32'] as const)('the OS on %s', (platform) => {
  it('global shortcut, second instance, sleep and resume', async () => {
    const { app } = await boot(platform)
    const state = await app.state()
    expect(state.shortcuts).toEqual(['CommandOrControl+Shift+Y'])
    await app.op('shortcut', 'CommandOrControl+Shift+Y')
    expect(visible(await app.state())).toBe(true)
    await app.op('shortcut', 'CommandOrControl+Shift+Y')
    expect(visible(await app.state())).toBe(false)
    await app.op('secondInstance', ['--hidden'])
    expect(visible(await app.state())).toBe(true)
    await app.op('blur')
    if (platform === 'darwin') {
      await app.op('activate')
      expect(visible(await app.state())).toBe(true)
    }
    for (const event of ['suspend', 'lock-screen', 'resume', 'unlock-screen']) await app.op('power', event)
    expect(failures(await app.state())).toEqual([])
  })

  it('stores a secret from the panel without deprecated safeStorage calls', async () => {
    const { app, userData } = await boot(platform)
    const outcome = await app.op<{ ok: boolean }>('invoke', IPC_CHANNELS.command, [
      'secrets.set',
      { name: 'helpcrunch.apiKey', value: 'hc-key-that-is-long-enough-1234567890' },
    ])
    expect(outcome.ok).toBe(true)
    await vi.waitFor(() => expect(readFileSync(join(userData, 'secrets.json'), 'utf8')).toMatch(/helpcrunch/))
    expect(readFileSync(join(userData, 'secrets.json'), 'utf8')).not.toContain('hc-key-that')
    const state = await app.state()
    expect(state.deprecated).toEqual([])
    expect(failures(state)).toEqual([])
  })
})

describe('no keyring on Linux', () => {
  it('tells the user secrets are kept for this session only, and writes none', async () => {
    const { app, userData } = await boot('linux', { env: { STAND_IN_KEYRING: 'basic_text' } })
    await waitForState(app, (s) =>
      expect(s.toasts.map((t) => t.title)).toContain('No system keyring: API keys are not saved'),
    )
    await app.op('invoke', IPC_CHANNELS.command, [
      'secrets.set',
      { name: 'helpcrunch.apiKey', value: 'hc-key-that-is-long-enough-1234567890' },
    ])
    const file = join(userData, 'secrets.json')
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').not.toMatch(/helpcrunch/)
  })
})

describe('a start that cannot complete', () => {
  it('shows why in an error box and quits, instead of idling without a tray', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-tray-boot-'))
    const notADirectory = join(dir, 'user-data')
    writeFileSync(notADirectory, 'a file where the user-data folder should be')
    const booted = await bootApp({ layout: devLayout(), platform: 'linux', userData: notADirectory })
    track(booted)
    expect(await booted.exited).toBe(0)
    const dialog = booted.finalState()?.dialogs[0]
    expect(dialog?.title).toBe('Chat Tray could not start')
    expect(dialog?.content).toMatch(/EEXIST|ENOTDIR|not a directory/i)
  })
})

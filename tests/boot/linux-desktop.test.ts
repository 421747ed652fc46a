/**
 * A Linux desktop without a tray, booted against a real session bus (Debian's dbus-daemon, tests/helpers/dbus.ts):
 * the panel becomes an ordinary window titled with the count, carrying the tray's menu; toasts and the shortcut
 * stay; a one-time notice says how to get a tray; when a tray host appears (or goes) the app switches. And a
 * notification server in do-not-disturb: the tooltip and Check my setup say toasts are hidden.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CheckResult, type DesktopStatus, IPC_CHANNELS } from '../../shared/protocol'
import {
  dbusSkipReason,
  fakeNotificationServer,
  type OwnedName,
  ownName,
  startTestBus,
  type TestBus,
} from '../helpers/dbus'
import { failures, waitForState } from './boot-helpers'
import { type BootedApp, bootApp, devLayout } from './driver'
import { deliverChat, freePort, writeListenerSettings } from './settings-file'

// Outside CI without dbus-daemon these skip, and their title says why (in CI a missing daemon fails).
const skip = dbusSkipReason()
const WATCHER = 'org.kde.StatusNotifierWatcher'
const NOTICE = 'No tray on this desktop'

let bus: TestBus
let app: BootedApp | null = null
const owned: OwnedName[] = []
beforeEach(async () => {
  if (!skip) bus = await startTestBus()
})
afterEach(async () => {
  await app?.kill()
  app = null
  for (const name of owned.splice(0)) await name.release().catch(() => {})
  if (!skip) await bus.stop()
})

async function boot(userData: string, port: number): Promise<BootedApp> {
  writeListenerSettings(userData, port)
  app = await bootApp({
    layout: devLayout(),
    platform: 'linux',
    userData,
    env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
  })
  return app
}

const desktopStatus = (booted: BootedApp) =>
  booted
    .op<{ result: DesktopStatus }>('invoke', IPC_CHANNELS.command, ['desktop.status', {}])
    .then((outcome) => outcome.result)

describe.skipIf(skip)(`Linux tray presence over a real session bus${skip ? ` — skipped: ${skip}` : ''}`, () => {
  it('no tray host: a window with the count in its title and the tray menu; switches as a host comes and goes', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'chat-tray-notray-'))
    const port = await freePort()
    const booted = await boot(userData, port)
    let state = await waitForState(booted, (s) => {
      expect(s.trays).toHaveLength(0)
      expect(s.windows[0]).toMatchObject({ visible: true, skipTaskbar: false, frame: true, title: 'Chat Tray' })
      expect(s.toasts.filter((t) => t.title === NOTICE)).toHaveLength(1)
    })
    expect(state.toasts.find((t) => t.title === NOTICE)?.body).toMatch(/AppIndicator/)
    expect(await desktopStatus(booted)).toMatchObject({
      tray: { mode: 'window', reason: expect.stringMatching(/StatusNotifierWatcher/) },
    })

    // A chat: the title carries the count, the toast still shows, the taskbar entry asks for attention.
    expect(await deliverChat(port, '1700000001-AAAA', 'Ana')).toBe(200)
    state = await waitForState(booted, (s) => {
      expect(s.windows[0]?.title).toBe('(1) Chat Tray')
      expect(s.toasts.some((t) => t.body.includes('Ana'))).toBe(true)
    })
    expect(state.windows[0]?.flashing).toBe(true)
    expect(state.shortcuts).toEqual(['CommandOrControl+Shift+Y'])
    // The tray's menu is in the window's menu bar.
    expect(state.windows[0]?.menu?.[0]?.label).toBe('Chat Tray')
    await booted.op('windowMenuClick', ['Chat Tray', 'Do not disturb', 'For 30 minutes'])
    await waitForState(booted, (s) =>
      expect(s.windows[0]?.menu?.[0]?.submenu?.map((i) => i.label)).toContain('Do not disturb (on)'),
    )
    // Closing it minimizes it: without a tray it is the way back.
    await booted.op('closeWindow')
    expect((await booted.state()).windows[0]).toMatchObject({ minimized: true })

    // A tray host appears: back to the tray and the popup panel; it goes: a window again (in the taskbar).
    const watcher = await ownName(bus.address, WATCHER)
    await waitForState(booted, (s) => {
      expect(s.trays).toHaveLength(1)
      expect(s.windows[0]).toMatchObject({ skipTaskbar: true, frame: false })
    })
    expect(await desktopStatus(booted)).toMatchObject({ tray: { mode: 'tray' } })
    await watcher.release()
    await waitForState(booted, (s) => {
      expect(s.trays).toHaveLength(0)
      expect(s.windows[0]).toMatchObject({ skipTaskbar: false, minimized: true, title: '(1) Chat Tray' })
    })
    expect(failures(await booted.state())).toEqual([])

    // The notice was once: another start on the same desktop does not repeat it.
    await booted.kill()
    const again = await boot(userData, port)
    await waitForState(again, (s) => expect(s.windows[0]).toMatchObject({ skipTaskbar: false }))
    expect((await again.state()).toasts.filter((t) => t.title === NOTICE)).toHaveLength(0)
  }, 120_000)

  it('chat-tray --check says there is no tray and how to get one, and that no server shows toasts', async () => {
    const booted = await bootApp({
      layout: devLayout(),
      platform: 'linux',
      env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
      args: ['--check'],
    })
    app = booted
    expect(await booted.exited).toBe(0)
    expect(booted.output()).toMatch(
      /^\[warn\] desktop\.tray .*StatusNotifierWatcher.* — fix: GNOME: install .*AppIndicator/m,
    )
    expect(booted.output()).toMatch(/^\[warn\] desktop\.toasts .*no notification server/m)
    expect(booted.output()).toMatch(/^\[skip\] desktop\.updates .*development build/m)
  }, 60_000)

  it('a tray host at start: the tray, no notice', async () => {
    owned.push(await ownName(bus.address, WATCHER))
    const booted = await boot(mkdtempSync(join(tmpdir(), 'chat-tray-tray-')), await freePort())
    const state = await waitForState(booted, (s) => {
      expect(s.trays).toHaveLength(1)
      expect(s.trays[0]?.tooltip).not.toBe('')
    })
    expect(state.windows[0]).toMatchObject({ skipTaskbar: true, visible: false })
    expect(state.toasts.filter((t) => t.title === NOTICE)).toHaveLength(0)
    expect(await desktopStatus(booted)).toMatchObject({ tray: { mode: 'tray' } })
  }, 120_000)

  it('do not disturb hides toasts: the tooltip and Check my setup say so; it follows the change', async () => {
    owned.push(await ownName(bus.address, WATCHER))
    const server = await fakeNotificationServer(bus.address, true)
    owned.push(server)
    const booted = await boot(mkdtempSync(join(tmpdir(), 'chat-tray-dnd-')), await freePort())
    await waitForState(booted, (s) =>
      expect(s.trays[0]?.tooltip).toContain('Toasts are hidden: do not disturb is on (fake-notifyd)'),
    )
    const check = await booted.op<{ result: { checks: CheckResult[] } }>('invoke', IPC_CHANNELS.command, [
      'setup.check',
      {},
    ])
    expect(check.result.checks.find((c) => c.id === 'desktop.toasts')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/hidden: do not disturb/),
    })
    expect(check.result.checks.find((c) => c.id === 'desktop.tray')).toMatchObject({ status: 'pass' })
    server.setInhibited(false)
    await waitForState(booted, (s) => expect(s.trays[0]?.tooltip).not.toContain('Toasts are hidden'))
    expect(await desktopStatus(booted)).toMatchObject({
      toasts: { hidden: false, detectable: true, reason: 'shown by fake-notifyd' },
    })
  }, 120_000)
})

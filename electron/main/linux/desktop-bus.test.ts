/**
 * The D-Bus side of the Linux desktop, against a real `dbus-daemon` (tests/helpers/dbus.ts): the tray host comes and
 * goes, the notification server's do-not-disturb and GNOME's flip, and each change is reported.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ToastVisibility, TrayPresence } from '../../../shared/protocol'
import {
  dbusSkipReason,
  fakeGnomePortal,
  fakeNotificationServer,
  type OwnedName,
  ownName,
  startTestBus,
  type TestBus,
} from '../../../tests/helpers/dbus'
import { connectSessionBus, type SessionBus } from './session-bus'
import { readToastState, watchToastState } from './toast-state'
import { WATCHER_NAME, watchTrayHost } from './tray-host'

/** Waits for `check` to pass; the bound only ends a hang (2 cores shared by many sessions). */
const eventually = (check: () => unknown) => vi.waitFor(check, { timeout: 15_000, interval: 50 })

// Outside CI without dbus-daemon the tests skip, and their title says why (in CI a missing daemon fails).
const skip = dbusSkipReason()

let testBus: TestBus
let bus: SessionBus
const owned: OwnedName[] = []
beforeEach(async () => {
  if (skip) return
  testBus = await startTestBus()
  const connected = await connectSessionBus(testBus.address)
  if (!connected) throw new Error('could not connect to the test bus')
  bus = connected
})
afterEach(async () => {
  if (skip) return
  for (const name of owned.splice(0)) await name.release().catch(() => {})
  bus.close()
  await testBus.stop()
})

describe.skipIf(skip)(`a Linux desktop over a real session bus${skip ? ` — skipped: ${skip}` : ''}`, () => {
  it('is not a bus where there is none', async () => {
    expect(await connectSessionBus(undefined)).toBeNull()
    expect(await connectSessionBus('unix:path=/nonexistent/chat-tray/bus')).toBeNull()
  })

  it('reports the tray host at start and as it appears and goes away', async () => {
    const seen: TrayPresence['mode'][] = []
    const stop = await watchTrayHost(bus, (presence) => seen.push(presence.mode))
    expect(seen).toEqual(['window'])
    const watcher = await ownName(testBus.address, WATCHER_NAME)
    await eventually(() => expect(seen).toEqual(['window', 'tray']))
    await watcher.release()
    await eventually(() => expect(seen).toEqual(['window', 'tray', 'window']))
    stop()
  })

  it('tells whether toasts are shown: no server, do not disturb (KDE property, GNOME setting), and the changes', async () => {
    expect(await readToastState(bus)).toMatchObject({
      hidden: true,
      reason: expect.stringMatching(/no notification server/),
    })
    const server = await fakeNotificationServer(testBus.address, true)
    owned.push(server)
    expect(await readToastState(bus)).toMatchObject({ hidden: true, reason: 'do not disturb is on (fake-notifyd)' })
    const seen: ToastVisibility[] = []
    const stop = await watchToastState(bus, (visibility) => seen.push(visibility))
    await eventually(() => expect(seen.at(-1)?.hidden).toBe(true))
    server.setInhibited(false)
    await eventually(() => expect(seen.at(-1)).toMatchObject({ hidden: false, reason: 'shown by fake-notifyd' }))
    const portal = await fakeGnomePortal(testBus.address, true)
    owned.push(portal)
    portal.setShowBanners(false)
    await eventually(() => expect(seen.at(-1)).toMatchObject({ hidden: true, reason: 'GNOME do not disturb is on' }))
    portal.setShowBanners(true)
    await eventually(() => expect(seen.at(-1)?.hidden).toBe(false))
    stop()
  })
})

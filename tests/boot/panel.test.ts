import { describe, expect, it, vi } from 'vitest'
import { bootedAppPerTest, failures, waitForState } from './boot-helpers'
import type { BootedApp, EmulatedPlatform } from './driver'
import { deliverChat, listenerHealth } from './settings-file'

const PLATFORMS: EmulatedPlatform[] = ['linux', 'darwin', 'win32']
const { boot } = bootedAppPerTest()

const visible = async (booted: BootedApp) => (await booted.state()).windows.some((w) => w.visible)

describe.each(PLATFORMS)('the panel on %s', (platform) => {
  it('opens on a tray click and closes on the next one (blur arrives first on Windows and macOS)', async () => {
    const { app } = await boot(platform)
    await app.op('trayClick')
    expect(await visible(app)).toBe(true)
    await app.op('trayClick')
    expect(await visible(app)).toBe(false)
    await app.op('trayClick')
    expect(await visible(app)).toBe(true)
    await app.op('blur')
    expect(await visible(app)).toBe(false)
    expect(failures(await app.state())).toEqual([])
  })

  it('shows over full-screen apps and on every desktop', async () => {
    const { app } = await boot(platform)
    await app.op('trayClick')
    const [window] = (await app.state()).windows
    expect(window?.allWorkspaces).toBe(platform !== 'win32')
  })

  it('keeps alerting after the user closes it, and a tray click opens a new one', async () => {
    const { app, port } = await boot(platform)
    await app.op('trayClick')
    const first = (await app.state()).windows[0]?.id
    await app.op('closeWindow')
    expect((await app.state()).windows).toEqual([])
    await expectHealthy(port)
    expect(await deliverChat(port, '1700000001-AAAA')).toBeLessThan(300)
    const state = await waitForState(app, (s) => expect(s.toasts.map((t) => t.body).join()).toContain('Ana'))
    expect(failures(state)).toEqual([])
    await app.op('trayClick')
    const reopened = await waitForState(app, (s) => expect(s.windows[0]?.url).toMatch(/^file:.*index\.html$/))
    expect(reopened.windows[0]?.visible).toBe(true)
    expect(reopened.windows[0]?.id).not.toBe(first)
    await app.op('shortcut', 'CommandOrControl+Shift+Space').catch(() => undefined)
    expect(failures(await app.state())).toEqual([])
  })

  it('still starts the runtime when the page cannot load, and says why', async () => {
    const { app, port } = await boot(platform, { env: { STAND_IN_FAIL_LOAD: 'ERR_FAILED' } })
    const state = await waitForState(app, (s) =>
      expect(s.toasts.find((t) => /could not load its panel/.test(t.title))?.body).toContain('ERR_FAILED'),
    )
    expect(state.loads.every((l) => !l.ok)).toBe(true)
    await expectHealthy(port)
    await app.op('failLoads', null)
    await app.op('trayClick')
    await waitForState(app, (s) => expect(s.loads.at(-1)?.ok).toBe(true))
    expect(failures(await app.state())).toEqual([])
  })
})

/** The runtime is running: its webhook listener answers. */
async function expectHealthy(port: number) {
  await vi.waitFor(async () => expect(await listenerHealth(port)).toBe(200), { timeout: 15_000, interval: 100 })
}

describe('the tray menu', () => {
  it('macOS: a left click opens only the panel; a right click pops the menu', async () => {
    const { app } = await boot('darwin')
    await app.op('trayClick')
    let state = await app.state()
    expect(state.trays[0]?.popups).toBe(0)
    expect(state.windows[0]?.visible).toBe(true)
    await app.op('trayRightClick')
    state = await app.state()
    expect(state.trays[0]?.popups).toBe(1)
    expect(state.trays[0]?.popped?.map((i) => i.label)).toContain('Quit Chat Tray')
  })

  it.each(['linux', 'win32'] as const)('%s: the menu is the tray context menu', async (platform) => {
    const { app } = await boot(platform)
    await app.op('trayRightClick')
    expect((await app.state()).trays[0]?.popped?.map((i) => i.label)).toContain('Quit Chat Tray')
  })
})

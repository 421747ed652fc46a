import { describe, expect, it, vi } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { dndUntil, type TrayMenuActions, trayMenuTemplate } from './tray-menu'
import { buildTrayView } from './tray-view'

const actions = (): TrayMenuActions => ({
  openChat: vi.fn(),
  snoozeAll: vi.fn(),
  setDnd: vi.fn(),
  openPanel: vi.fn(),
  openSettings: vi.fn(),
  togglePinned: vi.fn(),
  toggleDemo: vi.fn(),
  openLogFolder: vi.fn(),
  quit: vi.fn(),
})
const click = (item: { click?: unknown } | undefined) => {
  if (typeof item?.click !== 'function') throw new Error('menu item has no click handler')
  item.click()
}

describe('tray menu', () => {
  it('lists waiting chats (most urgent first) and wires every item', () => {
    const view = buildTrayView(
      {
        chats: [
          makeChat({ sourceId: 'a', customer: { name: 'Ann', email: null, company: null, phone: null } }),
          makeChat({
            sourceId: 'b',
            state: 'callback',
            customer: { name: 'Bob', email: null, company: null, phone: null },
          }),
          makeChat({ sourceId: 'c', state: 'active' }),
        ],
        sources: [],
        dndUntil: null,
        unseenAlerts: 0,
        now: 1_700_000_100_000,
      },
      false,
    )
    const a = actions()
    const items = trayMenuTemplate(view.menu, a)
    expect(items[0]?.label).toBe('Bob · deskdirector · callback')
    expect(items[1]?.label).toBe('Ann · deskdirector · waiting')
    click(items[0])
    expect(a.openChat).toHaveBeenCalledWith('deskdirector:b')
    const byLabel = (label: string) => items.find((i) => i.label?.startsWith(label))
    click(byLabel('Snooze all'))
    expect(a.snoozeAll).toHaveBeenCalled()
    const dnd = byLabel('Do not disturb')?.submenu as { label: string; click: () => void }[]
    dnd.find((i) => i.label === 'For 1 hour')?.click()
    expect(a.setDnd).toHaveBeenCalledWith('1h')
    for (const [label, fn] of [
      ['Open panel', a.openPanel],
      ['Keep panel open', a.togglePinned],
      ['Show demo data', a.toggleDemo],
      ['Settings', a.openSettings],
      ['Open log folder', a.openLogFolder],
      ['Quit', a.quit],
    ] as const) {
      click(byLabel(label))
      expect(fn).toHaveBeenCalled()
    }
  })

  it('says nobody waits and disables snooze-all when empty', () => {
    const items = trayMenuTemplate({ waiting: [], dndActive: false, pinned: true, demo: false }, actions())
    expect(items[0]).toMatchObject({ label: 'No one is waiting', enabled: false })
    expect(items.find((i) => i.label?.startsWith('Snooze all'))?.enabled).toBe(false)
    expect(items.find((i) => i.label === 'Keep panel open')?.checked).toBe(true)
    expect(items.find((i) => i.label === 'Show demo data')?.checked).toBe(false)
  })

  it('with nothing connected says so (not "No one is waiting") and leads to Settings', () => {
    const a = actions()
    const items = trayMenuTemplate(
      { waiting: [], dndActive: false, pinned: false, demo: false, nothingConnected: true },
      a,
    )
    expect(items[0]?.label).toBe('Nothing is connected — set up a help desk…')
    click(items[0])
    expect(a.openSettings).toHaveBeenCalled()
  })

  it('marks demo data at the top of the menu and in the tooltip, with the switch checked', () => {
    const inputs = { chats: [], sources: [], dndUntil: null, unseenAlerts: 0, now: 1 }
    const view = buildTrayView(inputs, false, true)
    expect(view.tooltip).toMatch(/^Demo data — /)
    expect(buildTrayView(inputs, false).tooltip).not.toContain('Demo')
    const items = trayMenuTemplate(view.menu, actions())
    expect(items[0]).toMatchObject({ label: 'Demo data — simulated chats', enabled: false })
    expect(items.find((i) => i.label === 'Show demo data')?.checked).toBe(true)
  })

  it('computes do-not-disturb ends', () => {
    const now = new Date(2026, 0, 5, 22, 15).getTime()
    expect(dndUntil('30m', now)).toBe(now + 30 * 60_000)
    expect(dndUntil('1h', now)).toBe(now + 3_600_000)
    expect(dndUntil('tomorrow', now)).toBe(new Date(2026, 0, 6, 8, 0).getTime())
    expect(dndUntil('off', now)).toBeNull()
  })
})

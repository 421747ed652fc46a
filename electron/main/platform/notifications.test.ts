import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../shared/alert'
import { silentLogger } from '../../core/engine/log'

const m = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => void
  const toasts: { options: Record<string, unknown>; handlers: Record<string, Handler>; show: () => void }[] = []
  class FakeNotification {
    static isSupported = () => true
    readonly handlers: Record<string, Handler> = {}
    readonly show = vi.fn()
    constructor(readonly options: Record<string, unknown>) {
      toasts.push(this)
    }
    on(event: string, handler: Handler) {
      this.handlers[event] = handler
      return this
    }
  }
  return { toasts, Notification: FakeNotification }
})
vi.mock('electron', () => {
  const e = { Notification: m.Notification }
  return { ...e, default: e }
})

import { createNotifier, type NotifierDeps } from './notifications'

const alert: Alert = {
  id: 'helpcrunch:1:new',
  kind: 'new',
  chatKeys: ['helpcrunch:1'],
  title: 'New chat: Ann',
  body: 'My printer is on fire',
  urgency: 'critical',
  actions: [],
  sound: 'new',
  at: 1,
}
const deps = (over: Partial<NotifierDeps> = {}) => ({
  dispatch: vi.fn(async (c: { name: string }) =>
    c.name === 'chat.open'
      ? { ok: true as const, result: { url: 'https://acme.helpcrunch.com/inbox/chats/1' } }
      : { ok: true as const, result: {} },
  ),
  openUrl: vi.fn(),
  showPanel: vi.fn(),
  privacy: () => false,
  log: silentLogger,
  platform: 'darwin' as NodeJS.Platform,
  ...over,
})
const flush = () => new Promise((r) => setTimeout(r, 0))

describe('OS notifications', () => {
  beforeEach(() => {
    m.toasts.length = 0
  })

  it('shows a silent toast with the alert text and Snooze/Open buttons', () => {
    createNotifier(deps()).show(alert)
    const toast = m.toasts[0]
    expect(toast?.options).toMatchObject({ title: 'New chat: Ann', body: 'My printer is on fire', silent: true })
    expect(toast?.options.actions).toEqual([
      { type: 'button', text: 'Snooze 15 min' },
      { type: 'button', text: 'Open' },
    ])
    expect(toast?.show).toHaveBeenCalled()
  })

  it('says who else is on the chat (collision chips) before the body, also in privacy mode', () => {
    const line = 'Mia Novak is on it · 20 s · Leo Brandt opened it 1 min ago'
    createNotifier(deps({ collisions: (a) => (a.id === alert.id ? line : null) })).show(alert)
    createNotifier(deps({ privacy: () => true, collisions: () => line })).show(alert)
    createNotifier(deps({ collisions: () => null })).show(alert)
    expect(m.toasts.map((t) => t.options.body)).toEqual([
      `${line} — My printer is on fire`,
      `${line} — Open Chat Tray to see the details.`,
      'My printer is on fire',
    ])
  })

  it('maps button 0 to chat.snooze 15m and button 1 / click to chat.open + openExternal', async () => {
    const d = deps()
    createNotifier(d).show(alert)
    const toast = m.toasts[0]
    toast?.handlers.action?.({ actionIndex: 0 }, undefined)
    await flush()
    expect(d.dispatch).toHaveBeenCalledWith({ name: 'chat.snooze', params: { key: 'helpcrunch:1', preset: '15m' } })
    toast?.handlers.action?.({ actionIndex: 1 }, undefined)
    toast?.handlers.click?.()
    await flush()
    expect(d.dispatch).toHaveBeenCalledWith({ name: 'chat.open', params: { key: 'helpcrunch:1' } })
    expect(d.openUrl).toHaveBeenCalledTimes(2)
  })

  it('opens the panel when an action fails, and for summaries', async () => {
    const d = deps({
      dispatch: vi.fn(async () => ({ ok: false as const, error: { code: 'offline' as const, message: 'x' } })),
    })
    const notifier = createNotifier(d)
    notifier.show(alert)
    m.toasts[0]?.handlers.action?.({ actionIndex: 0 }, undefined)
    await flush()
    expect(d.showPanel).toHaveBeenCalledTimes(1)
    notifier.show({ ...alert, kind: 'summary', chatKeys: ['a:1', 'a:2'] })
    expect(m.toasts[1]?.options.actions).toEqual([])
    m.toasts[1]?.handlers.click?.()
    await flush()
    expect(d.showPanel).toHaveBeenCalledTimes(2)
    // The panel is told which chats the alert was about (no filter may hide them).
    expect(d.showPanel).toHaveBeenLastCalledWith(['a:1', 'a:2'])
  })

  it('has no buttons on Linux and hides the body in privacy mode', () => {
    createNotifier(deps({ platform: 'linux', privacy: () => true })).show(alert)
    expect(m.toasts[0]?.options.actions).toEqual([])
    expect(m.toasts[0]?.options.body).toBe('Open Chat Tray to see the details.')
  })

  it('marks toasts of demo data as demo', () => {
    createNotifier(deps({ demo: () => true })).show(alert)
    createNotifier(deps({ demo: () => false })).show(alert)
    expect(m.toasts.map((t) => t.options.title)).toEqual(['Demo · New chat: Ann', 'New chat: Ann'])
  })

  it('escapes markup in Linux toast bodies and bounds every title and body', () => {
    const long = {
      ...alert,
      title: `New chat: ${'Annabelle '.repeat(20)}`,
      body: `<b>Tom & Jerry</b> ${'word '.repeat(100)}`,
    }
    createNotifier(deps({ platform: 'linux' })).show(long)
    createNotifier(deps({ platform: 'win32' })).show(long)
    const [linux, windows] = m.toasts.map((t) => t.options as { title: string; body: string })
    expect(linux?.body.startsWith('&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;')).toBe(true)
    expect(windows?.body.startsWith('<b>Tom & Jerry</b>')).toBe(true)
    for (const text of [linux, windows]) {
      expect(text?.title.length).toBeLessThanOrEqual(80)
      expect(text?.body.length).toBeLessThanOrEqual(240 + 40)
      expect(text?.title.endsWith('…')).toBe(true)
    }
  })

  it('logs a toast the OS refused (the `failed` event)', () => {
    const warn = vi.fn()
    createNotifier(deps({ log: { ...silentLogger, warn } })).show(alert)
    m.toasts[0]?.handlers.failed?.({}, 'no notification server')
    expect(warn).toHaveBeenCalledWith(
      'the OS did not show a toast',
      expect.objectContaining({ error: 'no notification server' }),
    )
  })
})

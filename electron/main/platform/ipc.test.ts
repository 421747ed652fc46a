import { describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '../../../shared/protocol'
import { silentLogger } from '../../core/engine/log'

const m = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>()
  return {
    handlers,
    ipcMain: {
      handle: vi.fn((ch: string, fn: (...args: unknown[]) => unknown) => handlers.set(ch, fn)),
      removeHandler: vi.fn(),
    },
  }
})
vi.mock('electron', () => {
  const e = { ipcMain: m.ipcMain }
  return { ...e, default: e }
})

import { registerCommandIpc } from './ipc'

const PAGE = 'file:///app/out/renderer/index.html'
const event = (id: number, url: string | null) => ({ sender: { id }, senderFrame: url ? { url } : null })

describe('IPC command handler', () => {
  const dispatch = vi.fn(async () => ({ ok: true as const, result: { fine: true } }))
  registerCommandIpc({ contentsId: () => 3, pageUrl: PAGE }, dispatch, silentLogger)
  const handle = m.handlers.get(IPC_CHANNELS.command) as (...args: unknown[]) => Promise<unknown>

  it('passes a valid command from the panel to the dispatcher', async () => {
    await expect(handle(event(3, `${PAGE}#x`), 'chat.open', { key: 'a:1' })).resolves.toEqual({
      ok: true,
      result: { fine: true },
    })
    expect(dispatch).toHaveBeenCalledWith('chat.open', { key: 'a:1' })
  })

  it('refuses other senders and malformed payloads with typed errors, without dispatching', async () => {
    dispatch.mockClear()
    await expect(handle(event(4, PAGE), 'chat.open', { key: 'a:1' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_command', message: 'unknown sender' },
    })
    await expect(handle(event(3, 'https://evil.example/'), 'snapshot.get', {})).resolves.toMatchObject({ ok: false })
    await expect(handle(event(3, PAGE), 'nope', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_command' },
    })
    await expect(handle(event(3, PAGE), 'chat.open', 'a:1')).resolves.toMatchObject({ ok: false })
    expect(dispatch).not.toHaveBeenCalled()
  })
})

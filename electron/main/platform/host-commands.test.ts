import { describe, expect, it } from 'vitest'
import { answerHostCommand, type HostState } from './host-commands'

function host(active: string | null = 'CommandOrControl+Shift+Y'): HostState & { pinned: boolean } {
  const state = {
    pinned: false,
    isPinned: () => state.pinned,
    setPinned: (next: boolean) => {
      state.pinned = next
    },
    requestedShortcut: () => 'Alt+F13',
    activeShortcut: () => active,
  }
  return state
}

describe('desktop-only commands', () => {
  it('reports and sets the pin', () => {
    const h = host()
    expect(answerHostCommand('panel.pin', {}, h)).toEqual({ ok: true, result: { pinned: false } })
    expect(answerHostCommand('panel.pin', { pinned: true }, h)).toEqual({ ok: true, result: { pinned: true } })
    expect(h.pinned).toBe(true)
  })

  it('refuses a malformed pin request without changing it', () => {
    const h = host()
    expect(answerHostCommand('panel.pin', { pinned: 'yes' }, h)).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    })
    expect(h.pinned).toBe(false)
  })

  it('reports the requested and the registered shortcut (they differ when the OS refused)', () => {
    expect(answerHostCommand('shortcut.status', {}, host())).toEqual({
      ok: true,
      result: { requested: 'Alt+F13', active: 'CommandOrControl+Shift+Y' },
    })
  })

  it('leaves every other command to the dispatcher', () => {
    expect(answerHostCommand('snapshot.get', {}, host())).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { describeAccelerator, type KeyPress, recordKey } from './accelerator'

const press = (over: Partial<KeyPress>): KeyPress => ({
  key: 'y',
  code: 'KeyY',
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...over,
})

describe('shortcut accelerators', () => {
  it('builds Electron accelerators from a key press', () => {
    expect(recordKey(press({ ctrlKey: true, shiftKey: true }), 'linux')).toEqual({
      kind: 'ok',
      accelerator: 'CommandOrControl+Shift+Y',
    })
    expect(recordKey(press({ metaKey: true, altKey: true }), 'darwin')).toEqual({
      kind: 'ok',
      accelerator: 'CommandOrControl+Alt+Y',
    })
    expect(recordKey(press({ key: 'F13', code: 'F13' }), 'win32')).toEqual({ kind: 'ok', accelerator: 'F13' })
    expect(recordKey(press({ key: '1', code: 'Digit1', altKey: true }), 'linux')).toEqual({
      kind: 'ok',
      accelerator: 'Alt+1',
    })
  })

  it('waits while only modifiers are held', () => {
    expect(recordKey(press({ key: 'Control', code: 'ControlLeft', ctrlKey: true }), 'linux')).toEqual({
      kind: 'waiting',
    })
  })

  it('refuses combinations that would clash with typing, and keys that cannot be registered', () => {
    expect(recordKey(press({ shiftKey: true }), 'linux')).toMatchObject({ kind: 'invalid' })
    expect(recordKey(press({}), 'linux')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('Ctrl or Alt'),
    })
    expect(recordKey(press({ key: 'Dead', code: 'IntlRo', ctrlKey: true }), 'linux')).toEqual({
      kind: 'invalid',
      message: 'Dead cannot be part of a shortcut.',
    })
  })

  it('shows accelerators in the platform words', () => {
    expect(describeAccelerator('CommandOrControl+Shift+Y', 'linux')).toBe('Ctrl+Shift+Y')
    expect(describeAccelerator('CommandOrControl+Alt+Y', 'darwin')).toBe('Cmd+Option+Y')
  })
})

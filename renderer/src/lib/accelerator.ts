/**
 * Global-shortcut accelerators (Electron's syntax, e.g. "CommandOrControl+Shift+Y") built from a key press
 * and shown back in the platform's words. Only combinations the OS can register are produced: at least
 * one modifier besides Shift, and one letter, digit, F-key or named key (docs/global-shortcut.md).
 */

/** The parts of a key event the recorder reads. */
export interface KeyPress {
  key: string
  code: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

const NAMED: Readonly<Record<string, string>> = {
  Space: 'Space',
  Enter: 'Enter',
  Tab: 'Tab',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
  Backquote: '`',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backslash: '\\',
}

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'OS'])

/** Result of reading a key press. */
export type Recorded =
  | { kind: 'waiting' } // only modifiers so far
  | { kind: 'ok'; accelerator: string }
  | { kind: 'invalid'; message: string }

/** Reads one key press on `platform` ("darwin", "win32", "linux"). */
export function recordKey(press: KeyPress, platform: string): Recorded {
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'waiting' }
  const key = keyName(press.code)
  if (!key) return { kind: 'invalid', message: `${press.key || press.code} cannot be part of a shortcut.` }
  const mac = platform === 'darwin'
  const parts: string[] = []
  if (mac ? press.metaKey : press.ctrlKey) parts.push('CommandOrControl')
  if (mac && press.ctrlKey) parts.push('Control')
  if (!mac && press.metaKey) parts.push('Super')
  if (press.altKey) parts.push('Alt')
  const strong = parts.length > 0
  if (press.shiftKey) parts.push('Shift')
  const fKey = /^F\d+$/.test(key)
  if (!strong && !fKey)
    return {
      kind: 'invalid',
      message: `Add ${mac ? 'Cmd, Ctrl or Option' : 'Ctrl or Alt'} so the shortcut does not clash with typing.`,
    }
  return { kind: 'ok', accelerator: [...parts, key].join('+') }
}

function keyName(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code)
  if (letter) return letter[1] ?? null
  const digit = /^Digit(\d)$/.exec(code)
  if (digit) return digit[1] ?? null
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code
  return NAMED[code] ?? null
}

/** An accelerator in the platform's words: "Ctrl+Shift+Y", "Cmd+Shift+Y". */
export function describeAccelerator(accelerator: string, platform: string): string {
  const mac = platform === 'darwin'
  return accelerator
    .split('+')
    .map((part) => {
      if (part === 'CommandOrControl' || part === 'CmdOrCtrl') return mac ? 'Cmd' : 'Ctrl'
      if (part === 'Control') return 'Ctrl'
      if (part === 'Alt') return mac ? 'Option' : 'Alt'
      if (part === 'Super' || part === 'Meta') return mac ? 'Cmd' : 'Super'
      return part
    })
    .join('+')
}

/** The `?` keyboard help: every list shortcut on one card. Esc or the button closes it. */
import { useEffect, useRef } from 'react'
import { useUi } from '../stores/ui-store'

/** Shortcuts and what they do. */
export const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'Next chat'],
  ['k / ↑', 'Previous chat'],
  ['Home / End', 'First / last chat'],
  ['Enter / o', 'Open in the help desk'],
  ['t', 'Take (assign to me and open)'],
  ['a', 'Assign to me (asks before taking over)'],
  ['u', 'Unassign my chat'],
  ['s', 'Snooze…'],
  ['z', 'Undo the last snooze, unassign or bulk action'],
  ['m', 'Mark read'],
  ['c', 'Copy a callback number'],
  ['. / Shift+F10', 'All actions of the chat'],
  ['r', 'Refresh sources'],
  ['/', 'Search'],
  ['?', 'This help'],
]

/** The help card (rendered only while open). */
export function KeyboardHelp() {
  const ref = useRef<HTMLButtonElement>(null)
  const opener = useRef(document.activeElement)
  useEffect(() => ref.current?.focus(), [])
  const close = () => {
    useUi.getState().showHelp(false)
    if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus()
  }
  return (
    <div
      className="keyboard-help"
      role="dialog"
      aria-labelledby="keyboard-help-title"
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault()
          close()
        }
      }}
    >
      <h2 id="keyboard-help-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button ref={ref} type="button" onClick={close}>
        Close
      </button>
    </div>
  )
}

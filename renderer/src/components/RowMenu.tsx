/**
 * The keyboard menu of a row (context-menu key, Shift+F10 or `.`): every action of the row, so a
 * keyboard user reaches what the hover buttons offer from the row's single tab stop.
 */
import { useEffect, useRef } from 'react'
import type { Chat } from '../../../shared/chat'
import { moveFocus, restoreFocus } from '../lib/focus-keys'
import type { RowCommand } from '../lib/row-commands'
import { runRowCommand } from '../lib/run-row-command'
import { useUi } from '../stores/ui-store'

/** Props. */
export interface RowMenuProps {
  chat: Chat
  label: string
  commands: RowCommand[]
}

/** The menu (rendered only while open). */
export function RowMenu({ chat, label, commands }: RowMenuProps) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [])
  const close = (refocus: boolean) => {
    useUi.getState().openRowMenu(null)
    if (refocus) restoreFocus(null, chat.key)
  }
  return (
    <div
      ref={ref}
      className="row-menu"
      role="menu"
      aria-label={`Actions for ${label}`}
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape' || e.key === 'Tab') {
          if (e.key === 'Escape') e.preventDefault()
          close(e.key === 'Escape')
        } else if (moveFocus(e.currentTarget, e.key)) e.preventDefault()
      }}
      onBlur={(e) => {
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) close(false)
      }}
    >
      {commands.map((c) => (
        <button
          key={c.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-keyshortcuts={c.key}
          onClick={() => {
            const snooze = c.id === 'snooze'
            useUi.getState().openRowMenu(null)
            if (!snooze && c.id !== 'takeover') restoreFocus(null, chat.key)
            runRowCommand(c.id, chat)
          }}
        >
          <span>{c.label}</span>
          {c.key ? (
            <span className="menu-key" aria-hidden="true">
              {c.key}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  )
}

/**
 * The keyboard menu of a row (context-menu key, Shift+F10 or `.`): every action of the row, so a keyboard user
 * reaches what the hover buttons offer from the row's single tab stop; an action the chat's help desk does not
 * allow stays listed, greyed, with the reason.
 */
import { useEffect, useRef } from 'react'
import { moveFocus, restoreFocus } from '../lib/focus-keys'
import type { OfferedAction, RowContext } from '../lib/row-actions'
import { useUi } from '../stores/ui-store'

/** Props: the row's context and its actions (available and explained). */
export interface RowMenuProps {
  ctx: RowContext
  offered: OfferedAction[]
}

/** The menu (rendered only while open). */
export function RowMenu({ ctx, offered }: RowMenuProps) {
  const ref = useRef<HTMLDivElement>(null)
  const { chat } = ctx
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [])
  const close = (refocus: boolean) => {
    useUi.getState().openRowMenu(null)
    if (refocus) restoreFocus(null, chat.key)
  }
  const idBase = `menu-${chat.key.replace(/[^\w-]/g, '_')}`
  return (
    <div
      ref={ref}
      className="row-menu"
      role="menu"
      aria-label={`Actions for ${ctx.name}`}
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
      {offered.map(({ action, unavailable }) => (
        <button
          key={action.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-keyshortcuts={unavailable ? undefined : action.key}
          aria-disabled={unavailable ? true : undefined}
          aria-describedby={unavailable ? `${idBase}-${action.id}` : undefined}
          onClick={() => {
            if (unavailable) return
            const keepsFocus = action.id === 'snooze' || action.id === 'takeover'
            useUi.getState().openRowMenu(null)
            if (!keepsFocus) restoreFocus(null, chat.key)
            action.run(ctx)
          }}
        >
          <span className="menu-label">{action.label}</span>
          {unavailable ? (
            <span className="menu-why" id={`${idBase}-${action.id}`}>
              {unavailable}
            </span>
          ) : action.key ? (
            <span className="menu-key" aria-hidden="true">
              {action.key}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  )
}

/** "Dana has this chat. Take it over?": taking a colleague's chat is never one slip of a key. */
import { useEffect, useRef } from 'react'
import type { Chat } from '../../../shared/chat'
import { assignChat } from '../lib/actions'
import { restoreFocus } from '../lib/focus-keys'
import { useUi } from '../stores/ui-store'

/** The inline confirmation under a row. */
export function TakeoverConfirm({ chat }: { chat: Chat }) {
  const ref = useRef<HTMLDivElement>(null)
  const who = chat.assignee?.name ?? chat.assignee?.email ?? 'A colleague'
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus()
  }, [])
  const close = () => {
    useUi.getState().askTakeover(null)
    restoreFocus(null, chat.key)
  }
  return (
    <div
      ref={ref}
      className="takeover-confirm"
      role="alertdialog"
      aria-label="Take over this chat?"
      aria-describedby={`takeover-${chat.sourceId}`}
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape') close()
      }}
    >
      <span id={`takeover-${chat.sourceId}`}>{who} has this chat. Take it over?</span>
      <button
        type="button"
        className="primary"
        onClick={() => {
          close()
          void assignChat(chat.key)
        }}
      >
        Take over
      </button>
      <button type="button" onClick={close}>
        Cancel
      </button>
    </div>
  )
}

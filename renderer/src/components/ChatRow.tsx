/**
 * One chat row: customer, source badge, live waiting time, last message (hidden in privacy mode),
 * assignee, and quick actions with their pending and failure state. Memoised: a change to one chat
 * re-renders only its row.
 */
import { memo } from 'react'
import type { Chat } from '../../../shared/chat'
import { assignChat, markChatRead, openChat, snoozeChat, unsnoozeChat } from '../lib/actions'
import { canAssign } from '../lib/capabilities'
import { clock, sourceLabel } from '../lib/format'
import { renderStats } from '../lib/render-stats'
import { useRowActions } from '../stores/row-actions-store'
import { useUi } from '../stores/ui-store'
import { CallbackDetails } from './CallbackDetails'
import { SnoozeMenu } from './SnoozeMenu'
import { WaitingTime } from './WaitingTime'

/** States that need a word on the row (the group alone does not tell them apart). */
const STATE_LABELS: Partial<Record<Chat['state'], string>> = {
  missed: 'Missed',
  callback: 'Callback',
  pending: 'Pending',
  'on-hold': 'On hold',
}

/** Row props. */
export interface ChatRowProps {
  chat: Chat
  selected: boolean
  privacy: boolean
  snoozed: boolean
}

/** The row. */
export const ChatRow = memo(function ChatRow({ chat, selected, privacy, snoozed }: ChatRowProps) {
  renderStats.rows++
  const status = useRowActions((s) => s.rows[chat.key])
  const menuOpen = useUi((s) => s.snoozeMenuFor === chat.key)
  const { select, openSnoozeMenu } = useUi.getState()
  const name = chat.customer.name ?? chat.customer.email ?? chat.title
  const failed = status?.error ?? null
  const pending = status?.pending ?? null
  const stateLabel = STATE_LABELS[chat.state]
  const classes = [
    'chat-row',
    `state-${chat.state}`,
    selected && 'selected',
    failed && 'failed',
    chat.unread && 'unread',
  ]
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      aria-current={selected ? 'true' : undefined}
      aria-busy={pending !== null}
      data-key={chat.key}
      tabIndex={selected ? 0 : -1}
      onFocus={() => select(chat.key)}
    >
      <div className="row-main">
        <span className="customer">{name}</span>
        {stateLabel ? <span className={`badge state-badge state-${chat.state}`}>{stateLabel}</span> : null}
        <span className={`badge source-${chat.source}`}>{sourceLabel(chat.source)}</span>
        {snoozed && chat.snoozedUntil ? (
          <span className="snoozed-until">until {clock(chat.snoozedUntil)}</span>
        ) : (
          <WaitingTime since={chat.lastMessageAt ?? chat.createdAt} />
        )}
      </div>
      <div className="row-detail">
        {!privacy && chat.lastMessageText ? <span className="last-message">{chat.lastMessageText}</span> : null}
        <span className="assignee">{chat.assignee ? (chat.assignee.name ?? chat.assignee.id) : 'Unassigned'}</span>
      </div>
      {chat.callback ? <CallbackDetails callback={chat.callback} privacy={privacy} customer={name} /> : null}
      <div className="row-actions">
        {snoozed ? (
          <button type="button" disabled={!!pending} onClick={() => void unsnoozeChat(chat.key)}>
            Unsnooze
          </button>
        ) : (
          <button
            type="button"
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            disabled={!!pending}
            onClick={() => openSnoozeMenu(menuOpen ? null : chat.key)}
          >
            Snooze
          </button>
        )}
        <button type="button" disabled={!!pending} onClick={() => void openChat(chat.key)}>
          Open
        </button>
        {canAssign(chat.source) ? (
          <button type="button" disabled={!!pending} onClick={() => void assignChat(chat.key)}>
            Assign to me
          </button>
        ) : null}
        {chat.unread ? (
          <button type="button" disabled={!!pending} onClick={() => void markChatRead(chat.key)}>
            Mark read
          </button>
        ) : null}
        {pending ? (
          <span className="pending" role="status">
            {pending}…
          </span>
        ) : null}
      </div>
      {menuOpen ? (
        <SnoozeMenu
          chatLabel={name}
          onPick={(when) => {
            openSnoozeMenu(null)
            void snoozeChat(chat.key, when)
          }}
          onClose={() => openSnoozeMenu(null)}
        />
      ) : null}
      {failed ? (
        <p className="row-error" role="alert">
          {failed.action} failed: {failed.error.message}
          <button type="button" className="link" onClick={() => useRowActions.getState().dismiss(chat.key)}>
            Dismiss
          </button>
        </p>
      ) : null}
    </li>
  )
})

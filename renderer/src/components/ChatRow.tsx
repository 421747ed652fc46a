/**
 * One chat row, two lines: initials (coloured by source), customer, state, and the live reply time that
 * nothing covers; then what tells chats apart — "You:" when the agent spoke last, ticket, company, the last
 * message (not in privacy mode) — and who has it when that says something. The row is one tab stop: its
 * actions show on hover and focus over the second line, and all of them (with why one is not available) in its
 * keyboard menu. Memoised: a change to one chat re-renders only its row; action state and popups come as props.
 */
import { memo, useState } from 'react'
import type { Chat } from '../../../shared/chat'
import type { SourceInfo } from '../../../shared/protocol'
import { replyClock } from '../../../shared/reply'
import type { Shift } from '../../../shared/settings'
import { renderStats } from '../lib/render-stats'
import { assigneeLabel, offeredActions, ownership, type RowContext } from '../lib/row-actions'
import { snoozeWithUndo } from '../lib/snooze-flow'
import { endsAt } from '../lib/time-format'
import type { RowActionState } from '../stores/row-actions-store'
import { useUi } from '../stores/ui-store'
import { CallbackDetails } from './CallbackDetails'
import { CollisionChips } from './CollisionChips'
import { ReplyTime } from './ReplyTime'
import { RowFailure } from './RowFailure'
import { RowMenu } from './RowMenu'
import { SnoozeMenu } from './SnoozeMenu'
import { TakeoverConfirm } from './TakeoverConfirm'

/** States that need a word on the row (the group alone does not tell them apart). */
const STATE_LABELS: Partial<Record<Chat['state'], string>> = {
  missed: 'Missed',
  callback: 'Callback',
  pending: 'Pending',
  'on-hold': 'On hold',
}

/** How many actions show as hover buttons before "More". */
const HOVER_ACTIONS = 3

/** Row props. */
export interface RowProps {
  chat: Chat
  selected: boolean
  /** The list's one tab stop (roving tabindex). */
  tabbable: boolean
  privacy: boolean
  snoozed: boolean
  me: string | null
  /** The chat's source: its label and what it can do. */
  source: SourceInfo | undefined
  /** The source's index among the sources (its colour). */
  tone: number
  /** The source's first-response target. */
  targetMs: number
  /** "Unassigned" is worth saying (Active); in Waiting it is the rule, not news. */
  showUnassigned: boolean
  shifts: readonly Shift[]
  /** The row's running or failed action, if any. */
  status?: RowActionState
  /** Which of the row's popups is open, if any. */
  popup?: RowPopup
}

/** The popups a row can show: snooze, its menu, or the takeover confirmation. */
export type RowPopup = 'snooze' | 'menu' | 'takeover' | null

/** The display name of a chat's customer. */
export function customerName(chat: Chat): string {
  return chat.customer.name ?? chat.customer.email ?? chat.title
}

/** "Hana Novak" → "HN", "dirk@example.com" → "D". */
export function initials(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1)
  return letters.map((w) => [...(w as string)][0]?.toUpperCase() ?? '').join('') || '?'
}

/** The second line's text: who spoke last, ticket, company, message (or why it is empty). */
export function detailOf(chat: Chat, privacy: boolean, mine: boolean): string {
  const agentLast = replyClock(chat)
  const speaker =
    agentLast && !agentLast.owed && agentLast.why === 'agent-spoke-last' ? (mine ? 'You: ' : 'Agent: ') : ''
  const message = chat.lastMessageText ? (privacy ? 'message hidden' : `${speaker}${chat.lastMessageText}`) : null
  const parts = [chat.ticketRef ? `Ticket #${chat.ticketRef}` : null, chat.customer.company, message]
  const text = parts.filter(Boolean).join(' · ')
  if (text) return text
  return chat.ticketRef === null && chat.lastMessageText === null ? 'No ticket or message yet' : ''
}

/** The row. */
export const ChatRow = memo(function ChatRow(props: RowProps) {
  const { chat, selected, tabbable, privacy, snoozed, me, status, popup = null } = props
  if (import.meta.env.MODE === 'bench') renderStats.rows++
  const snoozeOpen = popup === 'snooze'
  const menuOpen = popup === 'menu'
  const { select, openSnoozeMenu, openRowMenu } = useUi.getState()
  // Hover actions are rendered once the pointer or focus first reaches the row (CSS shows them on hover and
  // focus), so a long list renders without them.
  const [hot, setHot] = useState(false)
  const name = customerName(chat)
  const id = `row-${chat.key.replace(/[^\w-]/g, '_')}`
  const failed = status?.error ?? null
  const pending = status?.pending ?? null
  const stateLabel = STATE_LABELS[chat.state]
  const mine = ownership(chat, me) === 'mine'
  const ctx: RowContext = { chat, me, snoozed, source: props.source, name }
  const offered = hot || snoozeOpen || menuOpen ? offeredActions(ctx) : []
  const hover = offered.filter((o) => o.unavailable === null).slice(0, HOVER_ACTIONS)
  const classes = [
    'chat-row',
    `state-${chat.state}`,
    selected && 'selected',
    failed && 'failed',
    chat.unread && 'unread',
  ]
  const detail = detailOf(chat, privacy, mine)
  const who = chat.assignee || (chat.invited ?? []).length > 0 || props.showUnassigned ? assigneeLabel(chat, me) : ''
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      aria-current={selected ? 'true' : undefined}
      aria-busy={pending !== null ? true : undefined}
      aria-labelledby={`${id}-name ${id}-state ${id}-time ${id}-who ${id}-team`}
      aria-describedby={detail ? `${id}-detail` : undefined}
      data-key={chat.key}
      tabIndex={tabbable ? 0 : -1}
      onFocus={(e) => {
        setHot(true)
        if (e.target === e.currentTarget) select(chat.key)
      }}
      onMouseEnter={() => setHot(true)}
      onContextMenu={(e) => {
        // Right-click opens the same menu as the keyboard.
        e.preventDefault()
        select(chat.key)
        openRowMenu(chat.key)
      }}
    >
      <div className="row-line">
        <span className="avatar" data-tone={props.tone % 6} title={props.source?.label} aria-hidden="true">
          {initials(name)}
        </span>
        <span className="customer" id={`${id}-name`}>
          {name}
          {chat.unread ? <span className="visually-hidden">, unread</span> : null}
        </span>
        <span id={`${id}-state`} className="row-badges">
          {stateLabel ? <span className={`badge state-badge state-${chat.state}`}>{stateLabel}</span> : null}
          <span className="visually-hidden">, {props.source?.label ?? chat.source}</span>
        </span>
        {snoozed && chat.snoozedUntil ? (
          <span className="snoozed-until" id={`${id}-time`}>
            until {endsAt(chat.snoozedUntil, Date.now())}
          </span>
        ) : (
          <ReplyTime chat={chat} targetMs={props.targetMs} id={`${id}-time`} />
        )}
      </div>
      <div className="row-line row-detail">
        <span className="last-message" id={`${id}-detail`}>
          {detail}
        </span>
        <span className={`assignee${mine ? ' mine' : ''}`} id={`${id}-who`}>
          {who}
        </span>
        <CollisionChips chat={chat} id={`${id}-team`} />
        {hot || snoozeOpen || menuOpen ? (
          <span className="row-actions">
            {hover.map(({ action }) => (
              <button
                key={action.id}
                type="button"
                tabIndex={-1}
                disabled={!!pending}
                aria-haspopup={action.id === 'snooze' ? 'dialog' : undefined}
                aria-expanded={action.id === 'snooze' ? snoozeOpen : undefined}
                onClick={() =>
                  action.id === 'snooze' ? openSnoozeMenu(snoozeOpen ? null : chat.key) : action.run(ctx)
                }
              >
                {action.label.replace('…', '')}
              </button>
            ))}
            <button
              type="button"
              tabIndex={-1}
              aria-haspopup="menu"
              aria-expanded={menuOpen}
              aria-label={`More actions for ${name}`}
              onClick={() => openRowMenu(menuOpen ? null : chat.key)}
            >
              ⋯
            </button>
          </span>
        ) : null}
      </div>
      {chat.callback ? <CallbackDetails callback={chat.callback} privacy={privacy} customer={name} /> : null}
      {pending ? (
        <span className="pending" role="status">
          {pending}…
        </span>
      ) : null}
      {menuOpen ? <RowMenu ctx={ctx} offered={offered} /> : null}
      {snoozeOpen ? (
        <SnoozeMenu
          label={`Snooze ${name}`}
          shifts={props.shifts}
          replyAware={chat.lastCustomerMessageAt !== undefined && chat.lastCustomerMessageAt !== null}
          onPick={(when, until) => {
            openSnoozeMenu(null)
            void snoozeWithUndo(chat.key, name, when, until)
          }}
          onClose={() => openSnoozeMenu(null)}
        />
      ) : null}
      {popup === 'takeover' ? <TakeoverConfirm chat={chat} /> : null}
      {failed ? <RowFailure chatKey={chat.key} source={chat.source} failure={failed} /> : null}
    </li>
  )
})

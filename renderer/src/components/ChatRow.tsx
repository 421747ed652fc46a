/**
 * One chat row, two lines high: avatar, customer, state and source, live waiting time; company and last
 * message (hidden in privacy mode), assignee ("You" for mine). The row is one tab stop: its actions show
 * on hover and focus (mouse) and in its keyboard menu. Memoised: a change to one chat re-renders only its row.
 * Its action state and open popups come in as props (the list subscribes once for all rows): a thousand
 * rows with a store subscription each cost more to mount than the rows themselves.
 */
import { memo, useState } from 'react'
import type { Chat } from '../../../shared/chat'
import type { Shift } from '../../../shared/settings'
import { sourceLabel } from '../lib/format'
import { renderStats } from '../lib/render-stats'
import { assigneeLabel, rowCommands } from '../lib/row-commands'
import { runRowCommand } from '../lib/run-row-command'
import { snoozeWithUndo } from '../lib/snooze-flow'
import { endsAt } from '../lib/when'
import type { RowActionState } from '../stores/row-actions-store'
import { useUi } from '../stores/ui-store'
import { avatar, initials } from './Avatar'
import { CallbackDetails } from './CallbackDetails'
import { RowFailure } from './RowFailure'
import { RowMenu } from './RowMenu'
import { SnoozeMenu } from './SnoozeMenu'
import { TakeoverConfirm } from './TakeoverConfirm'
import { waitingTime } from './WaitingTime'

/** States that need a word on the row (the group alone does not tell them apart). */
const STATE_LABELS: Partial<Record<Chat['state'], string>> = {
  missed: 'Missed',
  callback: 'Callback',
  pending: 'Pending',
  'on-hold': 'On hold',
}

/** How many actions show as hover buttons before "More". */
const HOVER_ACTIONS = 4

/** Row props. */
export interface RowProps {
  chat: Chat
  selected: boolean
  /** The list's one tab stop (roving tabindex). */
  tabbable: boolean
  privacy: boolean
  snoozed: boolean
  me: string | null
  stillWaitingMs: number
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

/** What a row derives from its chat alone, once per chat version (a change is a new object). */
const derived = new WeakMap<Chat, { name: string; id: string; initials: string }>()

function derivedOf(chat: Chat): { name: string; id: string; initials: string } {
  let d = derived.get(chat)
  if (!d) {
    const name = customerName(chat)
    d = { name, id: `row-${chat.key.replace(/[^\w-]/g, '_')}`, initials: initials(name) }
    derived.set(chat, d)
  }
  return d
}

/** The row. */
export const ChatRow = memo(function ChatRow(props: RowProps) {
  const { chat, selected, tabbable, privacy, snoozed, me, status, popup = null } = props
  renderStats.rows++
  const menuOpen = popup === 'snooze'
  const rowMenuOpen = popup === 'menu'
  const confirming = popup === 'takeover'
  const { select, openSnoozeMenu, openRowMenu } = useUi.getState()
  // Hover actions are rendered once the pointer or focus first reaches the row (CSS shows them on hover and
  // focus), so a long list renders without them.
  const [hot, setHot] = useState(false)
  const { name, id, initials } = derivedOf(chat)
  const failed = status?.error ?? null
  const pending = status?.pending ?? null
  const stateLabel = STATE_LABELS[chat.state]
  // Only the hover actions and the menu list the commands; most rows never show either.
  const commands = hot || menuOpen || rowMenuOpen ? rowCommands(chat, me, snoozed) : []
  const classes = [
    'chat-row',
    `state-${chat.state}`,
    selected && 'selected',
    failed && 'failed',
    chat.unread && 'unread',
  ]
  const detail = [chat.customer.company, privacy ? null : chat.lastMessageText].filter(Boolean).join(' · ')
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      aria-current={selected ? 'true' : undefined}
      aria-busy={pending !== null ? true : undefined}
      aria-labelledby={`${id}-name ${id}-state ${id}-time ${id}-who`}
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
        {avatar(initials, chat.source)}
        <span className="customer" id={`${id}-name`}>
          {name}
          {chat.unread ? <span className="visually-hidden">, unread</span> : null}
        </span>
        <span id={`${id}-state`} className="row-badges">
          {stateLabel ? <span className={`badge state-badge state-${chat.state}`}>{stateLabel}</span> : null}
          <span className={`badge source-${chat.source}`}>{sourceLabel(chat.source)}</span>
        </span>
        {snoozed && chat.snoozedUntil ? (
          <span className="snoozed-until" id={`${id}-time`}>
            until {endsAt(chat.snoozedUntil, Date.now())}
          </span>
        ) : (
          waitingTime({
            id: `${id}-time`,
            since: chat.lastMessageAt ?? chat.createdAt,
            thresholdMs: props.stillWaitingMs,
          })
        )}
      </div>
      <div className="row-line row-detail">
        <span className="last-message" id={`${id}-detail`}>
          {detail}
        </span>
        <span className={`assignee${chat.assignee?.id === me && me ? ' mine' : ''}`} id={`${id}-who`}>
          {assigneeLabel(chat, me)}
        </span>
      </div>
      {chat.callback ? <CallbackDetails callback={chat.callback} privacy={privacy} customer={name} /> : null}
      {hot || menuOpen || rowMenuOpen ? (
        <div className="row-actions">
          {commands.slice(0, HOVER_ACTIONS).map((c) => (
            <button
              key={c.id}
              type="button"
              tabIndex={-1}
              disabled={!!pending}
              aria-haspopup={c.id === 'snooze' ? 'dialog' : undefined}
              aria-expanded={c.id === 'snooze' ? menuOpen : undefined}
              onClick={() =>
                c.id === 'snooze' ? openSnoozeMenu(menuOpen ? null : chat.key) : runRowCommand(c.id, chat)
              }
            >
              {c.label.replace('…', '')}
            </button>
          ))}
          <button
            type="button"
            tabIndex={-1}
            aria-haspopup="menu"
            aria-expanded={rowMenuOpen}
            aria-label={`More actions for ${name}`}
            onClick={() => openRowMenu(rowMenuOpen ? null : chat.key)}
          >
            ⋯
          </button>
        </div>
      ) : null}
      {pending ? (
        <span className="pending" role="status">
          {pending}…
        </span>
      ) : null}
      {rowMenuOpen ? <RowMenu chat={chat} label={name} commands={commands} /> : null}
      {menuOpen ? (
        <SnoozeMenu
          label={`Snooze ${name}`}
          shifts={props.shifts}
          onPick={(when, until) => {
            openSnoozeMenu(null)
            void snoozeWithUndo(chat.key, name, when, until)
          }}
          onClose={() => openSnoozeMenu(null)}
        />
      ) : null}
      {confirming ? <TakeoverConfirm chat={chat} /> : null}
      {failed ? <RowFailure chatKey={chat.key} source={chat.source} failure={failed} /> : null}
    </li>
  )
})

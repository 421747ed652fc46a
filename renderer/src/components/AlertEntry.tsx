/**
 * One compact feed entry, one line: the kind, who (said once; "Customer" with source and short id in privacy
 * mode), how many alerts, when; a second line only for what is not the name (the alert's text, "Handled: …").
 * The entry is a stop of the feed's single tab stop: Enter opens, t takes, s snoozes (every preset); the same
 * actions show as buttons on hover and focus.
 */
import type { Alert } from '../../../shared/alert'
import { parseChatKey } from '../../../shared/chat'
import { openChat, takeChat } from '../lib/actions'
import { type FeedEntry, handledBy, shortId } from '../lib/alert-feed'
import { snoozeWithUndo } from '../lib/snooze-flow'
import { fullDateTime, relative } from '../lib/time-format'
import { usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { useClock } from '../stores/ui-store'
import { customerName } from './ChatRow'
import { CollisionChips } from './CollisionChips'
import { RowFailure } from './RowFailure'
import { SnoozeMenu } from './SnoozeMenu'

const KIND_LABELS: Record<Alert['kind'], string> = {
  new: 'New chat',
  missed: 'Missed',
  callback: 'Callback',
  'still-waiting': 'Still waiting',
  'snooze-ended': 'Snooze ended',
  'assigned-to-me': 'Assigned to you',
  summary: 'Summary',
}

/** Props: the entry, whether it is the feed's tab stop, and whether its snooze popover is open. */
export interface AlertEntryProps {
  entry: FeedEntry
  tabbable: boolean
  snoozing: boolean
  onSnooze(open: boolean): void
  onFocus(): void
}

/** The entry. */
export function AlertEntry({ entry, tabbable, snoozing, onSnooze, onFocus }: AlertEntryProps) {
  const { alert, chatKey: key, unread, count } = entry
  const chat = usePanelStore((s) => (key ? s.chats[key] : undefined))
  const privacy = usePanelStore((s) => s.settings?.alerts.privacy ?? false)
  const status = useRowActions((s) => (key ? s.rows[key] : undefined))
  const now = useClock((s) => Math.floor(s.now / 30_000) * 30_000)
  const source = key ? (parseChatKey(key)?.source ?? '') : ''
  const info = usePanelStore((s) => s.sourceInfo[source])
  const me = usePanelStore((s) => s.sources[source]?.me ?? null)
  const shifts = usePanelStore((s) => s.settings?.alerts.shifts)
  const handled = handledBy(alert, chat, me, Date.now())
  const who = !key ? alert.title : privacy || !chat ? (privacy ? 'Customer' : alert.title) : customerName(chat)
  const busy = !!status?.pending || handled !== null
  const team = usePanelStore((s) => s.team !== null)
  const canTake = (!!info?.capabilities.assign || team) && !chat?.assignee && !chat?.claim
  const id = `alert-${alert.id.replace(/[^\w-]/g, '_')}`
  const classes = ['alert-item', unread && 'unread', status?.error && 'failed', handled && 'handled']
  const detail = [
    !privacy && alert.body && alert.body !== who ? alert.body : null,
    handled ? `Handled: ${handled}` : null,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      tabIndex={tabbable ? 0 : -1}
      data-alert={alert.id}
      aria-labelledby={`${id}-kind ${id}-who ${id}-when${chat ? ` ${id}-team` : ''}`}
      aria-describedby={detail ? `${id}-detail` : undefined}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocus()
      }}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget || !key || busy) return
        if (e.key === 'Enter' || e.key === 'o') void openChat(key)
        else if (e.key === 't' && canTake) void takeChat(key)
        else if (e.key === 's') onSnooze(true)
        else return
        e.preventDefault()
      }}
    >
      <div className="row-main">
        <span className={`badge kind-${alert.kind}`} id={`${id}-kind`}>
          {KIND_LABELS[alert.kind]}
        </span>
        <span className={key ? 'customer' : 'customer feed-title'} id={`${id}-who`}>
          {who}
          {key && (privacy || !chat) ? (
            <span className="alert-source"> · {`${info?.label ?? source} ${shortId(key)}`}</span>
          ) : null}
          {count > 1 ? <span className="alert-count"> · {count} alerts</span> : null}
          <span className="visually-hidden">{unread ? ', unread' : ''}</span>
        </span>
        <time id={`${id}-when`} dateTime={new Date(alert.at).toISOString()} title={fullDateTime(alert.at)}>
          {relative(alert.at, Math.max(now, alert.at))}
        </time>
      </div>
      {chat && !handled ? (
        <div className="row-detail feed-chips">
          <CollisionChips chat={chat} id={`${id}-team`} />
        </div>
      ) : null}
      {detail ? (
        <div className="row-detail" id={`${id}-detail`}>
          <span className={handled ? 'handled-label' : 'last-message'}>{detail}</span>
        </div>
      ) : null}
      {key && !handled ? (
        <div className="row-actions feed-actions">
          <button type="button" tabIndex={-1} disabled={busy} onClick={() => void openChat(key)}>
            Open
          </button>
          {canTake ? (
            <button type="button" tabIndex={-1} disabled={busy} onClick={() => void takeChat(key)}>
              Take
            </button>
          ) : null}
          <button
            type="button"
            tabIndex={-1}
            disabled={busy}
            aria-haspopup="dialog"
            aria-expanded={snoozing}
            onClick={() => onSnooze(!snoozing)}
          >
            Snooze
          </button>
        </div>
      ) : null}
      {key && snoozing ? (
        <SnoozeMenu
          label={`Snooze ${who}`}
          shifts={shifts ?? []}
          replyAware={chat?.lastCustomerMessageAt !== undefined && chat?.lastCustomerMessageAt !== null}
          onPick={(when, until) => {
            onSnooze(false)
            void snoozeWithUndo(key, who, when, until)
          }}
          onClose={() => onSnooze(false)}
        />
      ) : null}
      {key && status?.error ? <RowFailure chatKey={key} source={source} failure={status.error} /> : null}
    </li>
  )
}

/** One feed entry: who (or "Customer" with source and short id in privacy mode), what, when, and actions. */
import type { Alert } from '../../../shared/alert'
import { parseChatKey } from '../../../shared/chat'
import { openChat, snoozeChat, takeChat } from '../lib/actions'
import { type FeedEntry, handledBy, shortId } from '../lib/alert-feed'
import { canAssign } from '../lib/capabilities'
import { sourceLabel } from '../lib/format'
import { relative } from '../lib/when'
import { usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { useClock } from '../stores/ui-store'
import { customerName } from './ChatRow'
import { RowFailure } from './RowFailure'

const KIND_LABELS: Record<Alert['kind'], string> = {
  new: 'New chat',
  missed: 'Missed',
  callback: 'Callback',
  'still-waiting': 'Still waiting',
  'snooze-ended': 'Snooze ended',
  'assigned-to-me': 'Assigned to you',
  summary: 'Summary',
}

/** The entry. */
export function AlertEntry({ entry }: { entry: FeedEntry }) {
  const { alert, chatKey: key, unread, count } = entry
  const chat = usePanelStore((s) => (key ? s.chats[key] : undefined))
  const privacy = usePanelStore((s) => s.settings?.alerts.privacy ?? false)
  const status = useRowActions((s) => (key ? s.rows[key] : undefined))
  const now = useClock((s) => s.now)
  const source = key ? (parseChatKey(key)?.source ?? '') : ''
  // "Me" at the chat's own source, as its status says.
  const me = usePanelStore((s) => s.sources[source]?.me ?? null)
  const handled = handledBy(alert, chat, me, Date.now())
  const who = !key ? alert.title : privacy || !chat ? null : customerName(chat)
  const busy = !!status?.pending || handled !== null
  const classes = ['alert-item', unread && 'unread', status?.error && 'failed', handled && 'handled']
  return (
    <li className={classes.filter(Boolean).join(' ')}>
      <div className="row-main">
        <span className={key ? 'customer' : 'customer feed-title'}>
          {who ?? (privacy ? 'Customer' : alert.title)}
          {key ? <span className="alert-source"> · {`${sourceLabel(source)} ${shortId(key)}`}</span> : null}
        </span>
        <time dateTime={new Date(alert.at).toISOString()} title={new Date(alert.at).toLocaleString()}>
          {relative(alert.at, Math.max(now, alert.at))}
        </time>
        <span className="visually-hidden">{unread ? 'unread' : 'read'}</span>
      </div>
      <div className="row-detail">
        <span className={`badge kind-${alert.kind}`}>{KIND_LABELS[alert.kind]}</span>
        {count > 1 ? <span className="alert-count">{count} alerts</span> : null}
        {/* The body often is the customer's name, already the entry's first words: not said twice. */}
        {!privacy && alert.body && alert.body !== who ? <span className="last-message">{alert.body}</span> : null}
        {handled ? <span className="handled-label">Handled: {handled}</span> : null}
      </div>
      {key ? (
        <div className="row-actions feed-actions">
          <button type="button" disabled={busy} onClick={() => void openChat(key)}>
            Open
          </button>
          {canAssign(source) && !chat?.assignee ? (
            <button type="button" disabled={busy} onClick={() => void takeChat(key)}>
              Take
            </button>
          ) : null}
          <button type="button" disabled={busy} onClick={() => void snoozeChat(key, '15m')}>
            Snooze 15 min
          </button>
        </div>
      ) : null}
      {key && status?.error ? <RowFailure chatKey={key} source={source} failure={status.error} /> : null}
    </li>
  )
}

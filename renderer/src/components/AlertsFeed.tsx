/**
 * The notifications feed: recent alerts with the same quick actions as the rows, so an alert the OS hid
 * or the agent dismissed is never lost. Viewing it marks the alerts seen (clearing the tray's unread state).
 */
import { useEffect } from 'react'
import type { Alert } from '../../../shared/alert'
import { parseChatKey } from '../../../shared/chat'
import { assignChat, openChat, snoozeChat } from '../lib/actions'
import { command } from '../lib/bridge'
import { canAssign } from '../lib/capabilities'
import { clock } from '../lib/format'
import { usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'

const KIND_LABELS: Record<Alert['kind'], string> = {
  new: 'New chat',
  missed: 'Missed',
  callback: 'Callback',
  'still-waiting': 'Still waiting',
  'snooze-ended': 'Snooze ended',
  'assigned-to-me': 'Assigned to you',
  summary: 'Summary',
}

/** The feed. */
export function AlertsFeed() {
  const alerts = usePanelStore((s) => s.alerts)
  const unseen = usePanelStore((s) => s.unseen)
  useEffect(() => {
    let cancelled = false
    void (async () => {
      const listed = await command('alerts.list', {})
      if (cancelled) return
      if (listed.ok) {
        const seenBefore = listed.result.unseen
        // The newest `unseen` alerts are the ones not seen yet.
        const ids = listed.result.alerts.slice(listed.result.alerts.length - seenBefore).map((a) => a.id)
        usePanelStore.getState().setAlerts(listed.result.alerts, seenBefore > 0 ? ids : [])
      }
      await command('alerts.seen', {})
    })()
    // Seen is shown on leaving the feed, so the unread marks stay visible while it is open.
    return () => {
      cancelled = true
      usePanelStore.getState().markAllSeen()
    }
  }, [])
  if (alerts.length === 0) return <p className="empty">No alerts yet.</p>
  return (
    <ol className="alerts-feed" aria-label="Recent alerts">
      {[...alerts].reverse().map((alert) => (
        <AlertItem key={alert.id} alert={alert} unread={!!unseen[alert.id]} />
      ))}
    </ol>
  )
}

function AlertItem({ alert, unread }: { alert: Alert; unread: boolean }) {
  const key = alert.kind === 'summary' ? undefined : alert.chatKeys[0]
  const status = useRowActions((s) => (key ? s.rows[key] : undefined))
  const source = key ? parseChatKey(key)?.source : undefined
  const privacy = usePanelStore((s) => s.settings?.alerts.privacy ?? false)
  return (
    <li className={`alert-item${unread ? ' unread' : ''}${status?.error ? ' failed' : ''}`}>
      <div className="row-main">
        <span className={`badge kind-${alert.kind}`}>{KIND_LABELS[alert.kind]}</span>
        <span className="customer">{alert.title}</span>
        <time dateTime={new Date(alert.at).toISOString()}>{clock(alert.at)}</time>
        <span className="visually-hidden">{unread ? 'unread' : 'read'}</span>
      </div>
      {!privacy && alert.body ? <div className="row-detail">{alert.body}</div> : null}
      {key ? (
        <div className="row-actions">
          <button type="button" disabled={!!status?.pending} onClick={() => void snoozeChat(key, '15m')}>
            Snooze 15 min
          </button>
          <button type="button" disabled={!!status?.pending} onClick={() => void openChat(key)}>
            Open
          </button>
          {source && canAssign(source) ? (
            <button type="button" disabled={!!status?.pending} onClick={() => void assignChat(key)}>
              Assign to me
            </button>
          ) : null}
        </div>
      ) : null}
      {status?.error ? (
        <p className="row-error" role="alert">
          {status.error.action} failed: {status.error.error.message}
        </p>
      ) : null}
    </li>
  )
}

/**
 * The notifications feed: one entry per chat with its latest alert, so an alert the OS hid or the agent
 * dismissed is never lost. Customer first, relative times, a handled state (actions off once someone
 * dealt with the chat), Clear and Mark all read. Viewing it marks the alerts seen (the tray's unread state).
 */
import { useEffect, useState } from 'react'
import { feedEntries } from '../lib/alert-feed'
import { command } from '../lib/bridge'
import { loadClearedAt, saveClearedAt } from '../lib/feed-cleared'
import { moveFocus } from '../lib/focus-keys'
import { usePanelStore } from '../stores/panel-store'
import { AlertEntry } from './AlertEntry'

/** The feed. */
export function AlertsFeed() {
  const alerts = usePanelStore((s) => s.alerts)
  const unseen = usePanelStore((s) => s.unseen)
  const [clearedAt, setClearedAt] = useState(loadClearedAt)
  // The feed is one tab stop (roving tabindex): the focused entry, or the first.
  const [current, setCurrent] = useState<string | null>(null)
  const [snoozeFor, setSnoozeFor] = useState<string | null>(null)
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
  const entries = feedEntries(alerts, unseen, clearedAt)
  const anyUnread = entries.some((e) => e.unread)
  const markAllRead = () => {
    usePanelStore.getState().markAllSeen()
    void command('alerts.seen', {})
  }
  const clear = () => {
    const at = Date.now() + 1
    saveClearedAt(at)
    setClearedAt(at)
    markAllRead()
  }
  return (
    <section className="alerts-view" aria-label="Alerts">
      <div className="feed-toolbar">
        <button type="button" className="link" disabled={!anyUnread} onClick={markAllRead}>
          Mark all read
        </button>
        <button type="button" className="link" disabled={entries.length === 0} onClick={clear}>
          Clear
        </button>
      </div>
      {entries.length === 0 ? (
        <p className="empty">{alerts.length > 0 ? 'Cleared. New alerts appear here.' : 'No alerts yet.'}</p>
      ) : (
        <ol
          className="alerts-feed"
          aria-label="Recent alerts"
          onKeyDown={(e) => {
            const target = e.target as HTMLElement
            if (!target.matches('.alert-item')) return
            const key = e.key === 'j' ? 'ArrowDown' : e.key === 'k' ? 'ArrowUp' : e.key
            if (moveFocus(e.currentTarget, key, ':scope > .alert-item')) e.preventDefault()
          }}
        >
          {entries.map((entry, i) => {
            const id = entry.alert.id
            const tabbable = current ? current === id : i === 0
            return (
              <AlertEntry
                key={entry.chatKey ?? id}
                entry={entry}
                tabbable={tabbable || (!entries.some((e) => e.alert.id === current) && i === 0)}
                snoozing={snoozeFor === id}
                onSnooze={(open) => setSnoozeFor(open ? id : null)}
                onFocus={() => setCurrent(id)}
              />
            )
          })}
        </ol>
      )}
    </section>
  )
}

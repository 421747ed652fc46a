/** The chat panel body: chats grouped Waiting / Missed & callbacks / Active / Snoozed, after the filters. */
import { useMemo } from 'react'
import { GROUPS, groupChats } from '../lib/grouping'
import { usePanelStore } from '../stores/panel-store'
import { useClock, useUi } from '../stores/ui-store'
import { ChatRow } from './ChatRow'

/** Keys of the visible chats in display order (for j/k navigation). */
export function useVisibleKeys(): string[] {
  const groups = useGroups()
  return useMemo(() => GROUPS.flatMap((g) => groups[g.id].map((c) => c.key)), [groups])
}

/** Grouped, filtered chats; regrouped when chats, filters or the minute change (snoozes end). */
export function useGroups() {
  const chats = usePanelStore((s) => s.chats)
  const me = usePanelStore((s) => s.settings?.helpcrunch.agentId ?? null)
  const filters = useUi((s) => s.filters)
  const minute = useClock((s) => Math.floor(s.now / 60_000))
  return useMemo(
    () => groupChats(Object.values(chats), filters, me, Math.max(Date.now(), minute * 60_000)),
    [chats, filters, me, minute],
  )
}

/** The grouped list. */
export function ChatList() {
  const groups = useGroups()
  const loaded = usePanelStore((s) => s.loaded)
  const loadError = usePanelStore((s) => s.loadError)
  const privacy = usePanelStore((s) => s.settings?.alerts.privacy ?? false)
  const selectedKey = useUi((s) => s.selectedKey)
  if (loadError) return <p className="empty error-text">Could not load chats: {loadError}</p>
  if (!loaded)
    return (
      <p className="empty" role="status">
        Loading chats…
      </p>
    )
  const total = GROUPS.reduce((n, g) => n + groups[g.id].length, 0)
  if (total === 0) return <p className="empty">No chats waiting. All quiet.</p>
  return (
    <div className="chat-groups">
      {GROUPS.map((group) =>
        groups[group.id].length === 0 ? null : (
          <section key={group.id} aria-labelledby={`group-${group.id}`} className={`group group-${group.id}`}>
            <h2 id={`group-${group.id}`}>
              {group.label} <span className="count">{groups[group.id].length}</span>
            </h2>
            <ul aria-label={group.label} className="chat-list">
              {groups[group.id].map((chat) => (
                <ChatRow
                  key={chat.key}
                  chat={chat}
                  selected={chat.key === selectedKey}
                  privacy={privacy}
                  snoozed={group.id === 'snoozed'}
                />
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  )
}

/**
 * One group of the list under a sticky header that folds it away. The header holds the group's bulk actions,
 * Snooze all and Mark all read: they act on my chats and chats nobody has, never on a colleague's, and say how
 * many they will touch.
 */
import { type ReactNode, useState } from 'react'
import type { Chat } from '../../../shared/chat'
import type { Shift } from '../../../shared/settings'
import { type GroupId, isColleagues } from '../lib/grouping'
import { markAllRead, snoozeAll } from '../lib/snooze-flow'
import { useUi } from '../stores/ui-store'
import { SnoozeMenu } from './SnoozeMenu'

/** Props. */
export interface GroupSectionProps {
  id: GroupId
  label: string
  chats: Chat[]
  /** "Me" per source (bulk actions leave colleagues' chats alone). */
  me: Record<string, string | null>
  shifts: readonly Shift[]
  children: ReactNode
}

/** The section. */
export function GroupSection({ id, label, chats, me, shifts, children }: GroupSectionProps) {
  const collapsed = useUi((s) => !!s.collapsed[id])
  const [snoozing, setSnoozing] = useState(false)
  const own = chats.filter((c) => !isColleagues(c, me[c.source] ?? null))
  const left = chats.length - own.length
  const unread = own.filter((c) => c.unread).map((c) => c.key)
  const noun = nounOf(id, own.length)
  const alone = left > 0 ? ` (${left} of colleagues' left alone)` : ''
  return (
    <section aria-labelledby={`group-${id}`} className={`group group-${id}`}>
      <div className="group-header">
        <h2 id={`group-${id}`}>
          <button
            type="button"
            className="group-toggle"
            aria-expanded={!collapsed}
            onClick={() => useUi.getState().toggleGroup(id)}
          >
            <span className="chevron" aria-hidden="true">
              {collapsed ? '▸' : '▾'}
            </span>
            {label} <span className="count">{chats.length}</span>
          </button>
        </h2>
        <div className="group-actions">
          {id !== 'snoozed' && own.length > 0 ? (
            <button
              type="button"
              className="link"
              aria-haspopup="dialog"
              aria-expanded={snoozing}
              aria-label={`Snooze all ${own.length} ${noun}${alone}`}
              onClick={() => setSnoozing(!snoozing)}
            >
              Snooze all
            </button>
          ) : null}
          {unread.length > 0 ? (
            <button
              type="button"
              className="link"
              aria-label={`Mark all read: ${unread.length} unread ${nounOf(id, unread.length)}${alone}`}
              onClick={() => markAllRead(unread, nounOf(id, unread.length))}
            >
              Mark all read
            </button>
          ) : null}
        </div>
        {snoozing ? (
          <SnoozeMenu
            label={`Snooze all ${own.length} ${noun}`}
            shifts={shifts}
            onPick={(when, until) => {
              setSnoozing(false)
              void snoozeAll(
                own.map((c) => c.key),
                noun,
                when,
                until,
              )
            }}
            onClose={() => setSnoozing(false)}
          />
        ) : null}
      </div>
      {collapsed ? null : (
        <ul aria-label={label} className="chat-list">
          {children}
        </ul>
      )}
    </section>
  )
}

/** "3 waiting chats", "1 missed chat or callback": how a group's chats are counted in words. */
function nounOf(id: GroupId, n: number): string {
  const one = n === 1
  if (id === 'missed') return one ? 'missed chat or callback' : 'missed chats and callbacks'
  if (id === 'mine' || id === 'team') return one ? 'active chat' : 'active chats'
  return `${id} ${one ? 'chat' : 'chats'}`
}

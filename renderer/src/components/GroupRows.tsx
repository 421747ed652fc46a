/**
 * The rows of one group. Memoised on the group's array, which the grouping keeps when none of its chats
 * changed: a change to one chat re-renders only its own group's row list (and in it, only its row).
 */
import { memo } from 'react'
import type { Chat } from '../../../shared/chat'
import type { Shift } from '../../../shared/settings'
import type { RowActionState } from '../stores/row-actions-store'
import { ChatRow, type RowPopup } from './ChatRow'

/** What every row of the list shares, and the group's chats. */
export interface GroupRowsProps {
  chats: Chat[]
  snoozed: boolean
  selectedKey: string | null
  /** The list's one tab stop. */
  tabStop: string | null
  privacy: boolean
  /** "Me" at a chat's own source. */
  me: (source: string) => string | null
  stillWaitingMs: number
  shifts: readonly Shift[]
  actions: Record<string, RowActionState>
  snoozeFor: string | null
  menuFor: string | null
  takeoverFor: string | null
}

/** The rows. */
export const GroupRows = memo(function GroupRows(props: GroupRowsProps) {
  const { snoozeFor, menuFor, takeoverFor } = props
  const popupOf = (key: string): RowPopup =>
    key === snoozeFor ? 'snooze' : key === menuFor ? 'menu' : key === takeoverFor ? 'takeover' : null
  return props.chats.map((chat) => (
    <ChatRow
      key={chat.key}
      chat={chat}
      selected={chat.key === props.selectedKey}
      tabbable={chat.key === props.tabStop}
      privacy={props.privacy}
      snoozed={props.snoozed}
      me={props.me(chat.source)}
      stillWaitingMs={props.stillWaitingMs}
      shifts={props.shifts}
      status={props.actions[chat.key]}
      popup={popupOf(chat.key)}
    />
  ))
})

/**
 * The rows of one group. Memoised on the group's array, which the list store keeps when none of its chats
 * changed: a change to one chat re-renders only its own group's row list (and in it, only its row).
 */
import { memo } from 'react'
import type { Chat } from '../../../shared/chat'
import type { SourceInfo } from '../../../shared/protocol'
import type { Shift } from '../../../shared/settings'
import type { RowActionState } from '../stores/row-actions-store'
import { ChatRow, type RowPopup } from './ChatRow'

/** What every row of the list shares, and the group's chats. */
export interface GroupRowsProps {
  chats: Chat[]
  snoozed: boolean
  /** Say "Unassigned" on rows nobody has (the team's active chats); in Waiting it is the rule. */
  showUnassigned: boolean
  selectedKey: string | null
  /** The list's one tab stop. */
  tabStop: string | null
  privacy: boolean
  /** "Me" per source. */
  me: Record<string, string | null>
  sources: Record<string, SourceInfo>
  /** First-response target per source, ms. */
  targetOf: (source: string) => number
  shifts: readonly Shift[]
  actions: Record<string, RowActionState>
  snoozeFor: string | null
  menuFor: string | null
  takeoverFor: string | null
}

/** The rows. */
export const GroupRows = memo(function GroupRows(props: GroupRowsProps) {
  const { snoozeFor, menuFor, takeoverFor, sources } = props
  const ids = Object.keys(sources)
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
      me={props.me[chat.source] ?? null}
      source={sources[chat.source]}
      tone={Math.max(0, ids.indexOf(chat.source))}
      targetMs={props.targetOf(chat.source)}
      showUnassigned={props.showUnassigned}
      shifts={props.shifts}
      status={props.actions[chat.key]}
      popup={popupOf(chat.key)}
    />
  ))
})

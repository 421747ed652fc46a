/**
 * What can be done with one chat, in order of use: the same list feeds the row's hover buttons, its
 * keyboard menu and the keyboard shortcuts. Assign depends on who has the chat: mine → Unassign,
 * nobody → Take (assign and open), someone else → Take over (confirmed first).
 */
import type { Chat } from '../../../shared/chat'
import { canAssign } from './capabilities'

/** One action id. */
export type RowCommandId =
  | 'take'
  | 'open'
  | 'assign'
  | 'takeover'
  | 'unassign'
  | 'snooze'
  | 'unsnooze'
  | 'read'
  | 'copy-phone'

/** One offered action. */
export interface RowCommand {
  id: RowCommandId
  label: string
  /** Shortcut shown in the menu. */
  key?: string
}

/** Whose chat it is, from the agent's point of view. */
export type Ownership = 'mine' | 'nobody' | 'other'

/** Who has `chat`, given my agent id. */
export function ownership(chat: Pick<Chat, 'assignee'>, me: string | null): Ownership {
  if (!chat.assignee) return 'nobody'
  return me !== null && chat.assignee.id === me ? 'mine' : 'other'
}

/** The assignee as the row shows it: "You", a name, or "Unassigned". */
export function assigneeLabel(chat: Pick<Chat, 'assignee'>, me: string | null): string {
  const who = ownership(chat, me)
  if (who === 'nobody') return 'Unassigned'
  if (who === 'mine') return 'You'
  return chat.assignee?.name ?? chat.assignee?.email ?? `Agent ${chat.assignee?.id}`
}

/** The actions offered for `chat` (snoozed = shown in the Snoozed group). */
export function rowCommands(chat: Chat, me: string | null, snoozed: boolean): RowCommand[] {
  const list: RowCommand[] = []
  const assignable = canAssign(chat.source)
  const who = ownership(chat, me)
  if (assignable && who === 'nobody') list.push({ id: 'take', label: 'Take', key: 't' })
  list.push({ id: 'open', label: 'Open', key: 'Enter' })
  list.push(snoozed ? { id: 'unsnooze', label: 'Unsnooze' } : { id: 'snooze', label: 'Snooze…', key: 's' })
  if (assignable && who === 'nobody') list.push({ id: 'assign', label: 'Assign to me', key: 'a' })
  if (assignable && who === 'other') list.push({ id: 'takeover', label: 'Take over…', key: 'a' })
  if (assignable && who === 'mine') list.push({ id: 'unassign', label: 'Unassign', key: 'u' })
  if (chat.unread) list.push({ id: 'read', label: 'Mark read', key: 'm' })
  if (chat.callback?.phone) list.push({ id: 'copy-phone', label: 'Copy number', key: 'c' })
  return list
}

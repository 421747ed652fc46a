/**
 * Every action a chat row offers, in one table: its id, label, shortcut, when it applies (or why it does not),
 * and what it runs. The hover buttons, the row menu and the keyboard shortcuts all read this table.
 */
import type { Chat } from '../../../shared/chat'
import type { SourceInfo } from '../../../shared/protocol'
import { usePanelStore } from '../stores/panel-store'
import { useUi } from '../stores/ui-store'
import { useUndo } from '../stores/undo-store'
import { assignChat, markChatRead, openChat, takeChat, unsnoozeChat } from './actions'
import { isMine } from './grouping'
import { unassignWithUndo } from './snooze-flow'

/** What an action is decided and run on. */
export interface RowContext {
  chat: Chat
  /** "Me" at the chat's source. */
  me: string | null
  /** Shown in the Snoozed group. */
  snoozed: boolean
  /** What the chat's source can do (undefined until main has said). */
  source: SourceInfo | undefined
  /** The customer as the row names them. */
  name: string
}

/** Whose chat it is, from the agent's point of view. */
export type Ownership = 'mine' | 'nobody' | 'other'

/** Who has `chat`, given my id at its source. */
export function ownership(chat: Pick<Chat, 'assignee' | 'invited'>, me: string | null): Ownership {
  if (isMine(chat, me)) return 'mine'
  return chat.assignee ? 'other' : 'nobody'
}

/** The assignee in words: "You", a name, or "Unassigned". */
export function assigneeLabel(chat: Pick<Chat, 'assignee' | 'invited'>, me: string | null): string {
  const who = ownership(chat, me)
  if (who === 'nobody') return 'Unassigned'
  if (who === 'mine') return 'You'
  return chat.assignee?.name ?? chat.assignee?.email ?? `Agent ${chat.assignee?.id}`
}

/** One row action. `when` answers true (offered), a reason (shown greyed, with the reason), or null (not relevant). */
export interface RowAction {
  id: 'take' | 'open' | 'snooze' | 'unsnooze' | 'assign' | 'takeover' | 'unassign' | 'read' | 'copy-phone'
  label: string
  key?: string
  when(ctx: RowContext): true | string | null
  run(ctx: RowContext): void
}

const label = (ctx: RowContext) => ctx.source?.label ?? ctx.chat.source
const canAssign = (ctx: RowContext) => ctx.source?.capabilities.assign === true
const noAssign = (ctx: RowContext) =>
  `${label(ctx)} chats are taken in ${label(ctx)} itself: its API cannot assign them.`

/** The table, in menu order. */
export const ROW_ACTIONS: readonly RowAction[] = [
  {
    id: 'take',
    label: 'Take',
    key: 't',
    // Following a team hub, Take is a claim the hub keeps for every desk (assigned where the desk can assign).
    when: (ctx) =>
      ownership(ctx.chat, ctx.me) !== 'nobody' || ctx.chat.claim
        ? null
        : canAssign(ctx) || usePanelStore.getState().team
          ? true
          : noAssign(ctx),
    run: (ctx) => void takeChat(ctx.chat.key),
  },
  {
    id: 'open',
    label: 'Open',
    key: 'Enter',
    // Main knows the address (the source may build it): a missing one comes back as a setting to fix.
    when: () => true,
    run: (ctx) => void openChat(ctx.chat.key),
  },
  {
    id: 'snooze',
    label: 'Snooze…',
    key: 's',
    when: (ctx) => (ctx.snoozed ? null : true),
    run: (ctx) => useUi.getState().openSnoozeMenu(ctx.chat.key),
  },
  {
    id: 'unsnooze',
    label: 'Unsnooze',
    when: (ctx) => (ctx.snoozed ? true : null),
    run: (ctx) => void unsnoozeChat(ctx.chat.key),
  },
  {
    id: 'assign',
    label: 'Assign to me',
    key: 'a',
    when: (ctx) => (ownership(ctx.chat, ctx.me) !== 'nobody' ? null : canAssign(ctx) ? true : null),
    run: (ctx) => void assignChat(ctx.chat.key),
  },
  {
    id: 'takeover',
    label: 'Take over…',
    key: 'a',
    when: (ctx) => (ownership(ctx.chat, ctx.me) !== 'other' ? null : canAssign(ctx) ? true : noAssign(ctx)),
    run: (ctx) => useUi.getState().askTakeover(ctx.chat.key),
  },
  {
    id: 'unassign',
    label: 'Unassign',
    key: 'u',
    when: (ctx) => (ownership(ctx.chat, ctx.me) === 'mine' && canAssign(ctx) ? true : null),
    run: (ctx) => void unassignWithUndo(ctx.chat.key, ctx.name),
  },
  {
    id: 'read',
    label: 'Mark read',
    key: 'm',
    when: (ctx) => (ctx.chat.unread ? true : null),
    run: (ctx) => void markChatRead(ctx.chat.key),
  },
  {
    id: 'copy-phone',
    label: 'Copy number',
    key: 'c',
    when: (ctx) => (ctx.chat.callback?.phone ? true : null),
    run: (ctx) => void copyPhone(ctx.chat.callback?.phone ?? ''),
  },
]

/** An action as offered for one chat: available, or greyed with the reason. */
export interface OfferedAction {
  action: RowAction
  /** Null when available; otherwise why not. */
  unavailable: string | null
}

/** The actions of `ctx`'s chat, available ones and explained unavailable ones, in menu order. */
export function offeredActions(ctx: RowContext): OfferedAction[] {
  return ROW_ACTIONS.flatMap((action) => {
    const answer = action.when(ctx)
    if (answer === null) return []
    return [{ action, unavailable: answer === true ? null : answer }]
  })
}

/** The context of the chat `key` from the stores (keyboard shortcuts). */
export function contextOf(chat: Chat, now: number, name: string): RowContext {
  const { sources, sourceInfo } = usePanelStore.getState()
  return {
    chat,
    me: sources[chat.source]?.me ?? null,
    snoozed: chat.snoozedUntil !== null && chat.snoozedUntil > now,
    source: sourceInfo[chat.source],
    name,
  }
}

/** Runs the action bound to `key` on `ctx`, if one is available; true when one ran. */
export function runByKey(key: string, ctx: RowContext): boolean {
  const offered = offeredActions(ctx).find((o) => o.action.key === key && o.unavailable === null)
  offered?.action.run(ctx)
  return offered !== undefined
}

/** Copies a callback number and says whether it worked (the panel cannot dial). */
export async function copyPhone(phone: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(phone)
    useUndo.getState().notify(`Copied ${phone}`)
  } catch {
    useUndo.getState().notify('Copy failed: select the number on the row')
  }
}

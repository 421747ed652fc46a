/** The quick actions of a chat row, each recorded as pending/failed on that row. */
import type { SnoozePreset } from '../../../shared/alert'
import { usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { command } from './bridge'

const perform = (...args: Parameters<ReturnType<typeof useRowActions.getState>['perform']>) =>
  useRowActions.getState().perform(...args)

/** Snoozes by preset or until an epoch-ms time. */
export function snoozeChat(key: string, when: SnoozePreset | number) {
  const params = typeof when === 'number' ? { key, until: when } : { key, preset: when }
  return perform(key, 'Snooze', () => command('chat.snooze', params))
}

/** Ends a snooze. */
export function unsnoozeChat(key: string) {
  return perform(key, 'Unsnooze', () => command('chat.unsnooze', { key }))
}

/** Opens the chat in the help desk (main opens the browser). */
export function openChat(key: string) {
  return perform(key, 'Open', () => command('chat.open', { key }))
}

/** Assigns the chat to the configured agent. */
export function assignChat(key: string) {
  return perform(key, 'Assign', () => command('chat.assign', { key }))
}

/** Removes the chat's assignee. */
export function unassignChat(key: string) {
  return perform(key, 'Unassign', () => command('chat.assign', { key, unassign: true }))
}

/**
 * "Take": assigns the chat to me, then opens it (not opened when the assignment failed). Following a team hub it
 * is a claim on the version I saw (`chat.claim`): when someone was faster, the row says who ("Mia took it 4 s
 * ago") and nothing is sent to the help desk.
 */
export function takeChat(key: string) {
  const { team, chats } = usePanelStore.getState()
  const chat = chats[key]
  return perform(key, 'Take', async () => {
    const taken =
      team && chat
        ? await command('chat.claim', { key, version: chat.updatedAt })
        : await command('chat.assign', { key })
    return taken.ok ? command('chat.open', { key }) : taken
  })
}

/** Marks the chat read. */
export function markChatRead(key: string) {
  return perform(key, 'Mark read', () => command('chat.read', { key }))
}

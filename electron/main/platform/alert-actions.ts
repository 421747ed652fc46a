/**
 * Maps an alert's OS-toast buttons and click to dispatcher commands (pure; `notifications.ts` shows the toast).
 * Buttons are fixed — Snooze 15 min, Open — so the index Electron reports maps to one command.
 */
import type { Alert } from '../../../shared/alert'
import type { CommandName, CommandParams } from '../../../shared/protocol'

/** A command to run in response to a toast interaction. */
export type ToastCommand = { [K in CommandName]: { name: K; params: CommandParams<K> } }[CommandName]

/** One toast button and what it does. */
export interface ToastButton {
  text: string
  command: ToastCommand
}

/** The buttons an alert gets (none for summaries: they stand for several chats). */
export function toastButtons(alert: Alert): ToastButton[] {
  const key = alert.chatKeys[0]
  if (alert.kind === 'summary' || !key) return []
  return [
    { text: 'Snooze 15 min', command: { name: 'chat.snooze', params: { key, preset: '15m' } } },
    { text: 'Open', command: { name: 'chat.open', params: { key } } },
  ]
}

/** The command a click on the toast body runs: open the chat, or null (summaries open the panel). */
export function toastClickCommand(alert: Alert): ToastCommand | null {
  const key = alert.chatKeys[0]
  if (alert.kind === 'summary' || !key) return null
  return { name: 'chat.open', params: { key } }
}

/**
 * The toast body: the alert's, unless privacy mode hides customer text from lock screens; following a team hub,
 * who else is on the chat comes first ("Leo Brandt opened it 1 min ago — …"), so a long body is what gets cut
 * (teammates' names are not customer text: privacy mode keeps them).
 */
export function toastBody(alert: Alert, privacy: boolean, collisions: string | null = null): string {
  const body = privacy ? 'Open Chat Tray to see the details.' : alert.body
  return collisions ? `${collisions} — ${body}` : body
}

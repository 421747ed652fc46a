/**
 * OS notifications for each `alert` event: silent toasts (the renderer plays the app's own sound), click
 * opens the chat, and Snooze/Open buttons where Electron supports toast actions (macOS, Windows).
 */
import { Notification } from 'electron'
import type { Alert } from '../../../shared/alert'
import type { DispatchOutcome } from '../engine/dispatcher'
import type { Logger } from '../engine/log'
import { type ToastCommand, toastBody, toastButtons, toastClickCommand } from './alert-actions'

/** What the notifier needs from the rest of the app. */
export interface NotifierDeps {
  dispatch(command: ToastCommand): Promise<DispatchOutcome>
  /** Opens a URL returned by `chat.open` (through the allowlist). */
  openUrl(url: string): void
  showPanel(): void
  privacy(): boolean
  /** True while the alerts come from the simulated demo help desks (the toast says so). */
  demo?(): boolean
  log: Logger
  platform: NodeJS.Platform
}

/** Platforms whose toasts show action buttons. */
const ACTION_PLATFORMS = new Set<NodeJS.Platform>(['darwin', 'win32'])

/** Shows toasts; keeps a reference to each until closed so it is not garbage-collected mid-display. */
export function createNotifier(deps: NotifierDeps): { show(alert: Alert): void } {
  const live = new Set<Notification>()
  const run = async (command: ToastCommand | null) => {
    if (!command) return deps.showPanel()
    const outcome = await deps.dispatch(command)
    if (!outcome.ok) {
      deps.log.warn('toast action failed', { command: command.name, code: outcome.error.code })
      return deps.showPanel()
    }
    const url = (outcome.result as { url?: unknown }).url
    if (command.name === 'chat.open' && typeof url === 'string') deps.openUrl(url)
  }
  return {
    show(alert) {
      if (!Notification.isSupported()) return
      const buttons = ACTION_PLATFORMS.has(deps.platform) ? toastButtons(alert) : []
      const toast = new Notification({
        title: deps.demo?.() ? `Demo · ${alert.title}` : alert.title,
        body: toastBody(alert, deps.privacy()),
        silent: true,
        urgency: alert.urgency,
        actions: buttons.map((b) => ({ type: 'button' as const, text: b.text })),
      })
      live.add(toast)
      toast.on('click', () => void run(toastClickCommand(alert)))
      toast.on('action', (_event, index) => {
        const button = buttons[index]
        if (button) void run(button.command)
      })
      toast.on('close', () => live.delete(toast))
      toast.show()
    },
  }
}

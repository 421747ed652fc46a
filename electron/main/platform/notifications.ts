/**
 * OS notifications for each `alert` event: silent toasts (the renderer plays the app's own sound), click
 * opens the chat, and Snooze/Open buttons where Electron supports toast actions (macOS, Windows). Text is
 * bounded, and escaped where the OS reads it as markup (toast-text.ts). A toast the OS refuses is logged.
 */
import { Notification } from 'electron'
import type { Alert } from '../../../shared/alert'
import type { DispatchOutcome } from '../../core/engine/dispatcher'
import type { Logger } from '../../core/engine/log'
import { type ToastCommand, toastBody, toastButtons, toastClickCommand } from './alert-actions'
import { followChatOpen } from './chat-opener'
import { toastText } from './toast-text'

/** What the notifier needs from the rest of the app. */
export interface NotifierDeps {
  dispatch(command: ToastCommand): Promise<DispatchOutcome>
  /** Opens a URL returned by `chat.open` (through the allowlist). */
  openUrl(url: string): void
  /** Shows the panel; `chatKeys` when opened from an alert about them (the panel never lets a filter hide them). */
  showPanel(chatKeys?: string[]): void
  privacy(): boolean
  /** Who else is on the alert's chat, as one line of collision chips, or null (no hub, nobody, a summary). */
  collisions?(alert: Alert): string | null
  /** True while the alerts come from the simulated demo help desks (the toast says so). */
  demo?(): boolean
  log: Logger
  platform: NodeJS.Platform
}

/** Platforms whose toasts show action buttons. */
const ACTION_PLATFORMS = new Set<NodeJS.Platform>(['darwin', 'win32'])

/** The notifier: alert toasts, and plain notices about the app itself. */
export interface Notifier {
  show(alert: Alert): void
  notice(title: string, body: string): void
  /** Settings → "Send a test alert": resolves once the OS showed the toast or refused it (then with its words). */
  test(): Promise<{ outcome: 'shown' | 'failed' | 'unsupported'; error: string | null }>
}

/** Longest wait for the OS to say it showed (or refused) the test toast. */
const TEST_TOAST_WAIT_MS = 5_000

/** Shows toasts; keeps a reference to each until closed so it is not garbage-collected mid-display. */
export function createNotifier(deps: NotifierDeps): Notifier {
  const live = new Set<Notification>()
  const display = (toast: Notification, kind: string) => {
    live.add(toast)
    toast.on('failed', (_event, error) => {
      live.delete(toast)
      deps.log.warn('the OS did not show a toast', { kind, error: String(error).slice(0, 200) })
    })
    toast.on('close', () => live.delete(toast))
    toast.show()
  }
  const run = async (command: ToastCommand | null, chatKeys?: string[]) => {
    if (!command) return deps.showPanel(chatKeys)
    const outcome = await deps.dispatch(command)
    if (!outcome.ok) {
      deps.log.warn('toast action failed', { command: command.name, code: outcome.error.code })
      return deps.showPanel()
    }
    if (command.name === 'chat.open') followChatOpen(outcome, deps.openUrl)
  }
  return {
    show(alert) {
      if (!Notification.isSupported()) return
      const buttons = ACTION_PLATFORMS.has(deps.platform) ? toastButtons(alert) : []
      const text = toastText(
        deps.demo?.() ? `Demo · ${alert.title}` : alert.title,
        toastBody(alert, deps.privacy(), deps.collisions?.(alert) ?? null),
        deps.platform,
      )
      const toast = new Notification({
        ...text,
        silent: true,
        urgency: alert.urgency,
        actions: buttons.map((b) => ({ type: 'button' as const, text: b.text })),
      })
      toast.on('click', () => void run(toastClickCommand(alert), alert.chatKeys))
      // Electron 45 reports the button on the event; the positional index is deprecated.
      toast.on('action', (event) => {
        const button = buttons[event.actionIndex]
        if (button) void run(button.command)
      })
      display(toast, alert.kind)
    },
    test() {
      if (!Notification.isSupported()) return Promise.resolve({ outcome: 'unsupported', error: null })
      const toast = new Notification({
        ...toastText('Chat Tray test alert', 'This is how a waiting customer is announced.', deps.platform),
        urgency: 'critical',
      })
      toast.on('click', () => deps.showPanel())
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ outcome: 'shown', error: null }), TEST_TOAST_WAIT_MS)
        toast.once('show', () => {
          clearTimeout(timer)
          resolve({ outcome: 'shown', error: null })
        })
        toast.once('failed', (_event, error) => {
          clearTimeout(timer)
          resolve({ outcome: 'failed', error: String(error).slice(0, 200) })
        })
        display(toast, 'test')
      })
    },
    notice(title, body) {
      if (!Notification.isSupported()) return
      const toast = new Notification({ ...toastText(title, body, deps.platform), urgency: 'normal' })
      toast.on('click', () => deps.showPanel())
      display(toast, 'notice')
    },
  }
}

/**
 * What to check, per OS, when a test alert did not show (docs/desktop-shell.md, "Toasts the OS hides"). Windows and
 * macOS do not tell an app whether Focus Assist or Focus hides its toasts, so there the test alert and these steps
 * are all there is; Linux is read over D-Bus (linux/toast-state.ts).
 */
import { APP_ID } from '../../../shared/product'
import type { ToastVisibility } from '../../../shared/protocol'

const GUIDANCE: Partial<Record<NodeJS.Platform, string[]>> = {
  win32: [
    'Focus Assist (Windows 10) or Do not disturb (Windows 11) hides toasts: turn it off, or add Chat Tray to its priority list.',
    'Full-screen apps, games and presenting switch Focus Assist to "alarms only" by its automatic rules.',
    'Settings → System → Notifications → Chat Tray: notifications and banners on.',
    `Toasts need the installed app (its Start-menu shortcut carries the AppUserModelID ${APP_ID}); reinstall if Chat Tray is missing from that list.`,
  ],
  darwin: [
    'System Settings → Notifications → Chat Tray: allow notifications, style "Alerts" (banners vanish after a few seconds).',
    'A Focus (Do Not Disturb, Work, …) hides them: add Chat Tray to its allowed apps.',
    'While the screen is shared or mirrored, macOS hides notifications unless allowed in Notifications settings.',
  ],
  linux: [
    'GNOME: turn off Do Not Disturb (the clock menu); KDE: the Do Not Disturb switch of the notifications applet.',
    'A notification server must run (GNOME Shell, KDE Plasma, dunst, mako, xfce4-notifyd…).',
    'Check the desktop’s notification settings for Chat Tray (GNOME Settings → Notifications).',
  ],
}

/** Visibility where the OS cannot be asked: nothing known to be hidden, the test alert and these steps. */
export function undetectableToasts(platform: NodeJS.Platform): ToastVisibility {
  const os = platform === 'darwin' ? 'macOS' : 'Windows'
  return {
    hidden: false,
    reason: `${os} does not tell apps whether Focus or Do not disturb hides their toasts: send a test alert.`,
    detectable: false,
    guidance: GUIDANCE[platform] ?? [],
  }
}

/** The steps for `platform`. */
export function toastGuidance(platform: NodeJS.Platform): string[] {
  return GUIDANCE[platform] ?? []
}

/** What is known before any probe: Windows and macOS cannot be asked; Linux is probed over D-Bus once it starts. */
export function initialToasts(platform: NodeJS.Platform): ToastVisibility {
  if (platform === 'linux') return { hidden: false, reason: null, detectable: false, guidance: toastGuidance('linux') }
  return undetectableToasts(platform)
}

/**
 * Follows the Linux desktop over the session bus: whether it has a tray host (tray-host.ts) and whether it shows
 * toasts (toast-state.ts), at start and on every change. Without a session bus nothing can be asked: the app keeps
 * its tray (Electron may still show one through XEmbed) and says toasts cannot reach a notification server.
 */
import type { ToastVisibility, TrayPresence } from '../../../shared/protocol'
import type { Logger } from '../../core/engine/log'
import { toastGuidance } from '../platform/toast-guidance'
import { connectSessionBus } from './session-bus'
import { watchToastState } from './toast-state'
import { watchTrayHost } from './tray-host'

/** What the shell is told. */
export interface DesktopEnvListener {
  tray(presence: TrayPresence): void
  toasts(visibility: ToastVisibility): void
}

/** Toasts when there is no session bus at all. */
export const NO_BUS_TOASTS: ToastVisibility = {
  hidden: true,
  reason: 'there is no D-Bus session bus, so no notification server can show toasts',
  detectable: true,
  guidance: toastGuidance('linux'),
}

/** Starts following; resolves with the stop function. Never throws. */
export async function watchLinuxDesktop(
  address: string | undefined,
  listener: DesktopEnvListener,
  log: Logger,
): Promise<() => void> {
  const bus = await connectSessionBus(address)
  if (!bus) {
    log.warn('no D-Bus session bus: cannot tell whether this desktop shows a tray or toasts')
    listener.toasts(NO_BUS_TOASTS)
    return () => {}
  }
  const stops: (() => void)[] = []
  bus.onClose(() => log.warn('the D-Bus session bus connection closed'))
  try {
    stops.push(await watchTrayHost(bus, listener.tray))
    stops.push(await watchToastState(bus, listener.toasts))
  } catch (error) {
    log.warn('could not follow the desktop over D-Bus', { error: (error as Error).message })
  }
  return () => {
    for (const stop of stops) stop()
    bus.close()
  }
}

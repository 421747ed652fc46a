/**
 * Whether this Linux desktop shows tray icons: Electron's Tray is a StatusNotifierItem, which appears only where a
 * host owns `org.kde.StatusNotifierWatcher` on the session bus (KDE, most panels; GNOME only with the AppIndicator
 * extension). Read at start and followed through `NameOwnerChanged`, so the app switches as it comes and goes.
 */
import type { TrayPresence } from '../../../shared/protocol'
import type { SessionBus } from './session-bus'

/** The bus name a StatusNotifierItem host owns. */
export const WATCHER_NAME = 'org.kde.StatusNotifierWatcher'

/** Presence without a tray host (the panel is a window then). */
export const NO_TRAY_HOST: TrayPresence = {
  mode: 'window',
  reason:
    'This desktop shows no tray icons (nothing owns org.kde.StatusNotifierWatcher), so Chat Tray runs as a window. ' +
    'On GNOME, install the "AppIndicator and KStatusNotifierItem Support" extension; Chat Tray moves to the tray by itself.',
}

/** Presence with a tray host. */
export const TRAY_HOST: TrayPresence = { mode: 'tray', reason: null }

/** Reports the presence now and on every change; returns the unsubscribe. */
export async function watchTrayHost(bus: SessionBus, changed: (presence: TrayPresence) => void): Promise<() => void> {
  const unsubscribe = await bus.onSignal(
    {
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'NameOwnerChanged',
      arg0: WATCHER_NAME,
    },
    (body) => changed(body[2] ? TRAY_HOST : NO_TRAY_HOST),
  )
  changed((await bus.hasOwner(WATCHER_NAME)) ? TRAY_HOST : NO_TRAY_HOST)
  return unsubscribe
}

/**
 * Whether a Linux desktop shows the app's toasts, read over the session bus: a notification server must own
 * `org.freedesktop.Notifications` (its name and capabilities say which); KDE (and any server implementing it) has
 * the `Inhibited` property for do-not-disturb; GNOME keeps do-not-disturb in the `show-banners` setting, read
 * through the desktop portal (`org.freedesktop.portal.Settings`). Followed through their signals.
 */
import type { ToastVisibility } from '../../../shared/protocol'
import { toastGuidance } from '../platform/toast-guidance'
import { type BusCall, type SessionBus, variantValue } from './session-bus'

const SERVER = 'org.freedesktop.Notifications'
const SERVER_PATH = '/org/freedesktop/Notifications'
const PORTAL = 'org.freedesktop.portal.Desktop'
const PORTAL_PATH = '/org/freedesktop/portal/desktop'
const PORTAL_SETTINGS = 'org.freedesktop.portal.Settings'
const GNOME_NOTIFICATIONS = 'org.gnome.desktop.notifications'

/** Reads the visibility now. */
export async function readToastState(bus: SessionBus): Promise<ToastVisibility> {
  const guidance = toastGuidance('linux')
  if (!(await bus.hasOwner(SERVER)))
    return { hidden: true, reason: 'no notification server is running on this desktop', detectable: true, guidance }
  const server = await serverName(bus)
  if ((await inhibited(bus)) === true)
    return { hidden: true, reason: `do not disturb is on (${server})`, detectable: true, guidance }
  if ((await gnomeBanners(bus)) === false)
    return { hidden: true, reason: 'GNOME do not disturb is on', detectable: true, guidance }
  const capabilities = await bus
    .call({ destination: SERVER, path: SERVER_PATH, interface: SERVER, member: 'GetCapabilities' })
    .then(([list]) => (Array.isArray(list) ? (list as string[]) : []))
    .catch(() => [] as string[])
  const body = capabilities.includes('body') ? '' : '; it shows titles only (no "body" capability)'
  return { hidden: false, reason: `shown by ${server}${body}`, detectable: true, guidance }
}

/** Calls `changed` with a fresh reading whenever the server, its do-not-disturb or GNOME's changes. */
export async function watchToastState(
  bus: SessionBus,
  changed: (visibility: ToastVisibility) => void,
): Promise<() => void> {
  const reread = () => void readToastState(bus).then(changed, () => {})
  const unsubscribes = await Promise.all([
    bus.onSignal(
      { path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'NameOwnerChanged', arg0: SERVER },
      reread,
    ),
    bus.onSignal(
      { path: SERVER_PATH, interface: 'org.freedesktop.DBus.Properties', member: 'PropertiesChanged', arg0: SERVER },
      reread,
    ),
    bus.onSignal(
      { path: PORTAL_PATH, interface: PORTAL_SETTINGS, member: 'SettingChanged', arg0: GNOME_NOTIFICATIONS },
      reread,
    ),
  ])
  reread()
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe()
  }
}

async function serverName(bus: SessionBus): Promise<string> {
  try {
    const [name] = await bus.call({
      destination: SERVER,
      path: SERVER_PATH,
      interface: SERVER,
      member: 'GetServerInformation',
    })
    return typeof name === 'string' && name ? name : 'the notification server'
  } catch {
    return 'the notification server'
  }
}

/** The server's `Inhibited` property (do-not-disturb), or null where it has none. */
function inhibited(bus: SessionBus): Promise<boolean | null> {
  return readFlag(bus, {
    destination: SERVER,
    path: SERVER_PATH,
    interface: 'org.freedesktop.DBus.Properties',
    member: 'Get',
    signature: 'ss',
    body: [SERVER, 'Inhibited'],
  })
}

/** GNOME's `show-banners` through the portal (false = do not disturb), or null where there is no such setting. */
function gnomeBanners(bus: SessionBus): Promise<boolean | null> {
  return readFlag(bus, {
    destination: PORTAL,
    path: PORTAL_PATH,
    interface: PORTAL_SETTINGS,
    member: 'Read',
    signature: 'ss',
    body: [GNOME_NOTIFICATIONS, 'show-banners'],
  })
}

/** A boolean a call answers as a variant, or null when the call fails or answers something else. */
async function readFlag(bus: SessionBus, call: BusCall): Promise<boolean | null> {
  try {
    const [value] = await bus.call(call)
    const flag = variantValue(value)
    return typeof flag === 'boolean' ? flag : null
  } catch {
    return null
  }
}

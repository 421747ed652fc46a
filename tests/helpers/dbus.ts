/**
 * A private D-Bus session bus for tests: Debian's `dbus-daemon` on a unix socket in a temp directory, with a
 * config that lets every connection own any name; stopped by pid. Plus fake desktop services on it (a tray host,
 * a notification server, the desktop portal), exported with @homebridge/dbus-native from the test process.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import type { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dbusNative from '@homebridge/dbus-native'

/** Where Debian's `dbus` package installs the daemon. */
export const DBUS_DAEMON = ['/usr/bin/dbus-daemon', '/bin/dbus-daemon'].find((path) => existsSync(path)) ?? null

/** Why the D-Bus tests cannot run here (skip outside CI), or null. In CI a missing daemon fails instead. */
export function dbusSkipReason(): string | null {
  if (DBUS_DAEMON) return null
  if (process.env.CI) throw new Error('dbus-daemon is missing: .ci/run must install the Debian package "dbus"')
  return 'dbus-daemon not found: install the Debian package "dbus" (apt-get install -y dbus) to run these tests'
}

/** A running private bus. */
export interface TestBus {
  address: string
  stop(): Promise<void>
}

/** Starts `dbus-daemon --session` on a socket in a fresh temp directory. */
export async function startTestBus(): Promise<TestBus> {
  if (!DBUS_DAEMON) throw new Error('dbus-daemon not found')
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-dbus-'))
  const config = join(dir, 'session.conf')
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(dir, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  )
  const child: ChildProcess = spawn(DBUS_DAEMON, [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const address = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk) => {
      out += chunk
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) resolve(line.trim())
    })
    child.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code})`)))
    setTimeout(() => reject(new Error('dbus-daemon printed no address')), 10_000).unref()
  })
  return {
    address,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

interface NativeBus {
  connection: EventEmitter & { end(): void }
  requestName(name: string, flags: number, callback: (error: unknown, result: number) => void): void
  releaseName(name: string, callback: (error: unknown) => void): void
  exportInterface(object: object, path: string, description: object): void
  sendSignal(path: string, iface: string, name: string, signature: string, args: unknown[]): void
}
const dbus = dbusNative as unknown as { sessionBus(options: { busAddress: string }): NativeBus }

/** A connection of the test process that owns a name (until `release`). */
export interface OwnedName {
  bus: NativeBus
  release(): Promise<void>
}

/** Connects to `address` and takes `name` (flag 4: do not queue); `setup` exports its objects first. */
export async function ownName(address: string, name: string, setup?: (bus: NativeBus) => void): Promise<OwnedName> {
  const bus = dbus.sessionBus({ busAddress: address })
  setup?.(bus)
  const result = await new Promise<number>((resolve, reject) =>
    bus.requestName(name, 4, (error, code) => (error ? reject(error) : resolve(code))),
  )
  if (result !== 1) throw new Error(`could not own ${name} (RequestName answered ${result})`)
  return {
    bus,
    release: () =>
      new Promise<void>((resolve) => {
        bus.releaseName(name, () => {
          bus.connection.end()
          resolve()
        })
      }),
  }
}

/** A fake notification server: its name, capabilities and do-not-disturb (`Inhibited`), which a test can flip. */
export async function fakeNotificationServer(address: string, inhibited: boolean) {
  const state = { Inhibited: inhibited }
  const owned = await ownName(address, 'org.freedesktop.Notifications', (bus) =>
    bus.exportInterface(
      {
        GetCapabilities: () => ['body', 'actions', 'persistence'],
        GetServerInformation: () => ['fake-notifyd', 'tests', '1.0', '1.2'],
        get Inhibited() {
          return state.Inhibited
        },
      },
      '/org/freedesktop/Notifications',
      {
        name: 'org.freedesktop.Notifications',
        methods: { GetCapabilities: ['', 'as'], GetServerInformation: ['', 'ssss'] },
        properties: { Inhibited: 'b' },
        signals: {},
      },
    ),
  )
  return {
    ...owned,
    setInhibited(value: boolean) {
      state.Inhibited = value
      owned.bus.sendSignal(
        '/org/freedesktop/Notifications',
        'org.freedesktop.DBus.Properties',
        'PropertiesChanged',
        'sa{sv}as',
        ['org.freedesktop.Notifications', [['Inhibited', ['b', value]]], []],
      )
    },
  }
}

/** A fake desktop portal whose Settings answer GNOME's `show-banners` (false = GNOME do not disturb). */
export async function fakeGnomePortal(address: string, showBanners: boolean) {
  const state = { showBanners }
  const owned = await ownName(address, 'org.freedesktop.portal.Desktop', (bus) =>
    bus.exportInterface(
      {
        Read: (namespace: string, key: string) => {
          if (namespace === 'org.gnome.desktop.notifications' && key === 'show-banners')
            return ['v', ['b', state.showBanners]]
          return new Error('setting not found')
        },
      },
      '/org/freedesktop/portal/desktop',
      { name: 'org.freedesktop.portal.Settings', methods: { Read: ['ss', 'v'] }, signals: { SettingChanged: ['ssv'] } },
    ),
  )
  return {
    ...owned,
    setShowBanners(value: boolean) {
      state.showBanners = value
      owned.bus.sendSignal(
        '/org/freedesktop/portal/desktop',
        'org.freedesktop.portal.Settings',
        'SettingChanged',
        'ssv',
        ['org.gnome.desktop.notifications', 'show-banners', ['b', value]],
      )
    },
  }
}

/**
 * The D-Bus session bus, as the desktop shell asks it about the desktop (a tray host, the notification server,
 * do-not-disturb), through @homebridge/dbus-native (pure JavaScript, no native build). Promise-based and narrow:
 * method calls with a timeout, name-owner lookups and signal subscriptions. No bus (no desktop session, a server,
 * a container) is `null`, never an error.
 */
import type { EventEmitter } from 'node:events'
import dbusNative from '@homebridge/dbus-native'

/** The part of @homebridge/dbus-native used here (its bundled types declare only `systemBus`). */
interface NativeBus {
  connection: EventEmitter & { end(): void }
  signals: EventEmitter
  invoke(
    message: BusCall,
    callback: (error: { name: string; message: string } | undefined, ...values: unknown[]) => void,
  ): void
}
const dbus = dbusNative as unknown as { sessionBus(options: { busAddress: string }): NativeBus }

/** Longest a call may take (a hung service must not hang the shell). */
const CALL_TIMEOUT_MS = 3_000

/** One method call. */
export interface BusCall {
  destination: string
  path: string
  interface: string
  member: string
  signature?: string
  body?: unknown[]
}

/** A signal to follow. */
export interface BusSignal {
  sender?: string
  path: string
  interface: string
  member: string
  /** Match on the first argument (a name for `NameOwnerChanged`). */
  arg0?: string
}

/** A connected session bus. */
export interface SessionBus {
  call(message: BusCall): Promise<unknown[]>
  /** True when some connection owns `name`. */
  hasOwner(name: string): Promise<boolean>
  /** Calls `handler` with each matching signal's arguments; returns the unsubscribe. */
  onSignal(signal: BusSignal, handler: (body: unknown[]) => void): Promise<() => void>
  /** Called once if the connection to the bus is lost. */
  onClose(handler: () => void): void
  close(): void
}

/** Connects to the session bus at `address` (default `DBUS_SESSION_BUS_ADDRESS`); null when there is none. */
export async function connectSessionBus(address: string | undefined): Promise<SessionBus | null> {
  if (!address) return null
  let client: NativeBus
  try {
    client = dbus.sessionBus({ busAddress: address })
  } catch {
    return null
  }
  const { connection } = client
  const closed = new Set<() => void>()
  const pending = new Set<(error: Error) => void>()
  let alive = true
  const lost = () => {
    if (!alive) return
    alive = false
    for (const fail of pending) fail(new Error('the session bus connection is closed'))
    for (const handler of closed) handler()
  }
  connection.on('error', lost)
  connection.on('end', lost)
  const call = (message: BusCall) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (!alive) return reject(new Error('the session bus connection is closed'))
      const fail = (error: Error) => {
        clearTimeout(timer)
        pending.delete(fail)
        reject(error)
      }
      const timer = setTimeout(() => fail(new Error(`${message.member}: no answer`)), CALL_TIMEOUT_MS)
      pending.add(fail)
      client.invoke(message, (error, ...values) => {
        clearTimeout(timer)
        pending.delete(fail)
        if (error) reject(new Error(`${error.name}: ${error.message}`))
        else resolve(values)
      })
    })
  const bus: SessionBus = {
    call,
    async hasOwner(name) {
      const [owned] = await call({ ...DBUS, member: 'NameHasOwner', signature: 's', body: [name] })
      return owned === true
    },
    async onSignal(signal, handler) {
      const rule = matchRule(signal)
      await call({ ...DBUS, member: 'AddMatch', signature: 's', body: [rule] })
      const key = JSON.stringify({ path: signal.path, interface: signal.interface, member: signal.member })
      const listener = (body: unknown[]) => {
        if (signal.arg0 === undefined || body?.[0] === signal.arg0) handler(body ?? [])
      }
      client.signals.on(key, listener)
      return () => {
        client.signals.off(key, listener)
        void call({ ...DBUS, member: 'RemoveMatch', signature: 's', body: [rule] }).catch(() => {})
      }
    },
    onClose: (handler) => closed.add(handler),
    close() {
      alive = false
      connection.end()
    },
  }
  // The bus answers Hello before anything else; a dead address fails here.
  try {
    await call({ ...DBUS, member: 'GetId' })
  } catch {
    bus.close()
    return null
  }
  return bus
}

/** The bus daemon itself. */
const DBUS = { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus' }

function matchRule(signal: BusSignal): string {
  const parts = [
    `type='signal'`,
    `path='${signal.path}'`,
    `interface='${signal.interface}'`,
    `member='${signal.member}'`,
  ]
  if (signal.sender) parts.push(`sender='${signal.sender}'`)
  if (signal.arg0 !== undefined) parts.push(`arg0='${signal.arg0}'`)
  return parts.join(',')
}

/** A D-Bus variant's value as dbus-native gives it (`[signature, [value]]`), unwrapped however deep. */
export function variantValue(value: unknown): unknown {
  let current = value
  while (Array.isArray(current) && current.length === 2 && Array.isArray(current[1]) && Array.isArray(current[0]))
    current = current[1][0]
  return current
}

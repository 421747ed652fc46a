/**
 * OS integration: the global shortcut (rolls back to the previous one when registration fails), the login
 * item (start hidden), wake/unlock/network change → heal the runtime (core/runtime/wake.ts), and lock, suspend
 * and idle → the team's presence (`activity.set`).
 */
import { networkInterfaces } from 'node:os'
import { app, globalShortcut, powerMonitor } from 'electron'
import type { Activity } from '../../../shared/protocol/team'
import type { Logger } from '../../core/engine/log'
import type { WakeReason } from '../../core/runtime/wake'
import { applyLinuxAutostart, HIDDEN_ARG } from './login-item'

/** Registers `accelerator` for `onPress`, replacing `previous`; on failure restores `previous`. Returns the active one. */
export function applyGlobalShortcut(
  accelerator: string | null,
  previous: string | null,
  onPress: () => void,
  log: Logger,
): string | null {
  if (accelerator === previous && previous && globalShortcut.isRegistered(previous)) return previous
  if (previous) globalShortcut.unregister(previous)
  if (!accelerator) return null
  let ok = false
  try {
    ok = globalShortcut.register(accelerator, onPress)
  } catch {
    ok = false
  }
  if (ok) return accelerator
  log.warn('global shortcut could not be registered; keeping the previous one', { accelerator })
  if (previous && globalShortcut.register(previous, onPress)) return previous
  return null
}

/**
 * Starts at login (skipped in development, where the path would be Electron's own). Electron 45 dropped
 * `openAsHidden`; the app always starts to the tray only, so the panel stays hidden at login anyway.
 * Linux has no login-item API: an XDG autostart entry does it there.
 */
export function applyLoginItem(openAtLogin: boolean, log: Logger): void {
  if (!app.isPackaged) return
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_ARG] })
    return
  }
  try {
    applyLinuxAutostart(openAtLogin, process.env, process.execPath)
  } catch (error) {
    log.warn('could not update the autostart entry', { error: String(error) })
  }
}

/** How often the machine's network addresses are compared (a VPN, a new Wi-Fi, a cable). */
const NETWORK_CHECK_MS = 10_000

/**
 * Calls `heal` when the machine wakes, the screen unlocks or the network addresses change (Electron has no event
 * for the last one, so they are compared every `NETWORK_CHECK_MS`; a read costs under a millisecond).
 */
export function onWake(heal: (reason: WakeReason) => void): () => void {
  const resume = () => heal('resume')
  const unlock = () => heal('unlock-screen')
  powerMonitor.on('resume', resume)
  powerMonitor.on('unlock-screen', unlock)
  let network = addressFingerprint()
  const timer = setInterval(() => {
    const now = addressFingerprint()
    if (now === network) return
    network = now
    heal('network-change')
  }, NETWORK_CHECK_MS)
  timer.unref()
  return () => {
    clearInterval(timer)
    powerMonitor.off('resume', resume)
    powerMonitor.off('unlock-screen', unlock)
  }
}

/** Seconds without input after which the agent counts as idle (presence, docs/team.md). */
const IDLE_AFTER_SECONDS = 300
/** How often the OS's idle state is read. */
const IDLE_CHECK_MS = 30_000

/**
 * Tells `report` what the machine is doing, for the team's presence (docs/team.md): the screen locked or the
 * machine suspending (power events), back on unlock or resume, idle after `IDLE_AFTER_SECONDS` without input.
 */
export function onActivity(report: (activity: Activity) => void): () => void {
  let current: Activity = 'active'
  const set = (next: Activity) => {
    if (next === current) return
    current = next
    report(next)
  }
  const lock = () => set('locked')
  const suspend = () => set('suspended')
  const back = () => set('active')
  powerMonitor.on('lock-screen', lock)
  powerMonitor.on('suspend', suspend)
  powerMonitor.on('unlock-screen', back)
  powerMonitor.on('resume', back)
  const timer = setInterval(() => {
    if (current === 'locked' || current === 'suspended') return
    const state = powerMonitor.getSystemIdleState(IDLE_AFTER_SECONDS)
    if (state === 'locked') set('locked')
    else set(state === 'idle' ? 'idle' : 'active')
  }, IDLE_CHECK_MS)
  timer.unref()
  return () => {
    clearInterval(timer)
    powerMonitor.off('lock-screen', lock)
    powerMonitor.off('suspend', suspend)
    powerMonitor.off('unlock-screen', back)
    powerMonitor.off('resume', back)
  }
}

/** The machine's external addresses as one string that changes with the network. */
function addressFingerprint(): string {
  const addresses: string[] = []
  for (const list of Object.values(networkInterfaces()))
    for (const info of list ?? []) if (!info.internal) addresses.push(info.address)
  return addresses.sort().join(',')
}

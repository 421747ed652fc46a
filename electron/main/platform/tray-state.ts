/**
 * What the tray shows, as pure functions of engine state (no Electron here, so it is unit-tested directly).
 * Precedence is fixed: offline > error > do-not-disturb > waiting > unread > idle (docs/architecture.md, "The tray").
 */
import { type Chat, isOpen, isSnoozed, needsAttention } from '../../../shared/chat'
import type { SourceStatus } from '../../../shared/protocol'

/** Tray icon states, most important first. */
export const TRAY_STATES = ['offline', 'error', 'dnd', 'waiting', 'unread', 'idle'] as const
/** One of `TRAY_STATES`. */
export type TrayState = (typeof TRAY_STATES)[number]

/** Everything the tray state depends on. */
export interface TrayInputs {
  chats: readonly Chat[]
  sources: readonly SourceStatus[]
  dndUntil: number | null
  unseenAlerts: number
  now: number
}

/** Counts shown in the tooltip and beside the icon. */
export interface TrayCounts {
  waiting: number
  unread: number
  unseenAlerts: number
}

/** Counts open, not-snoozed chats that wait, and those with unread messages. */
export function trayCounts(inputs: TrayInputs): TrayCounts {
  let waiting = 0
  let unread = 0
  for (const chat of inputs.chats) {
    if (!isOpen(chat) || isSnoozed(chat, inputs.now)) continue
    if (needsAttention(chat)) waiting++
    if (chat.unread) unread++
  }
  return { waiting, unread, unseenAlerts: inputs.unseenAlerts }
}

/** The one state the icon shows. */
export function trayState(inputs: TrayInputs): TrayState {
  const active = inputs.sources.filter((s) => s.state !== 'disabled')
  if (active.length > 0 && active.every((s) => s.state === 'offline')) return 'offline'
  if (active.some((s) => s.state === 'auth-failed' || s.state === 'error')) return 'error'
  if (inputs.dndUntil !== null && inputs.dndUntil > inputs.now) return 'dnd'
  const counts = trayCounts(inputs)
  if (counts.waiting > 0) return 'waiting'
  if (counts.unread > 0 || counts.unseenAlerts > 0) return 'unread'
  return 'idle'
}

/** The tooltip: app name, state and counts (no customer data: tooltips show on shared screens). */
export function trayTooltip(state: TrayState, counts: TrayCounts, sources: readonly SourceStatus[]): string {
  const lines = ['Chat Tray']
  if (state === 'offline') lines.push('Offline — waiting for the network')
  const broken = sources.filter((s) => s.state === 'auth-failed' || s.state === 'error')
  for (const s of broken) lines.push(`${s.label ?? s.source}: ${s.message ?? s.state}`)
  if (state === 'dnd') lines.push('Do not disturb')
  // With nothing set up no chat can arrive: "0 waiting" would read as "all clear".
  if (sources.length > 0 && sources.every((s) => s.state === 'disabled')) lines.push('Nothing is connected')
  else lines.push(`${counts.waiting} waiting · ${counts.unread} unread`)
  return lines.join('\n')
}

/** The text beside the icon on macOS: the waiting count, or nothing when no one waits. */
export function trayTitle(counts: TrayCounts): string {
  return counts.waiting > 0 ? String(counts.waiting) : ''
}

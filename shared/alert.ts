/** The alert record the policy emits and every host shows (OS toast, tray, panel feed, NDJSON line). */
import type { CallbackDetails } from './chat'
import type { ALERT_KINDS } from './settings'

/** A single-chat alert kind. */
export type AlertKind = (typeof ALERT_KINDS)[number]

/**
 * Snooze presets offered everywhere (docs/architecture.md, "Snooze presets"): `tomorrow` ends at 09:00 local
 * time tomorrow; `until-reply` ends when the customer writes again (only where the source tells when the
 * customer last wrote; a week at most).
 */
export const SNOOZE_PRESETS = ['15m', '1h', 'next-shift', 'tomorrow', 'until-reply'] as const
/** One of `SNOOZE_PRESETS`. */
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number]

/** A quick action an alert offers for its chat. */
export type QuickAction =
  | { action: 'snooze'; preset: SnoozePreset; label: string }
  | { action: 'open'; label: string }
  | { action: 'assign'; label: string }

/** One alert. `kind: 'summary'` stands for several alerts (batching, do-not-disturb, start-up backlog). */
export interface Alert {
  /** Stable id: the chat key and transition it announces (or a summary id). */
  id: string
  kind: AlertKind | 'summary'
  /** Chats the alert is about (one, except for summaries). */
  chatKeys: string[]
  title: string
  body: string
  urgency: 'low' | 'normal' | 'critical'
  actions: QuickAction[]
  /** Sound to play (the app plays it; toasts are silent), or null. */
  sound: string | null
  /** Epoch ms when raised. */
  at: number
  /** For `callback` alerts. */
  callback?: CallbackDetails | null
  /** For summaries: what they stand for (one item per chat, its latest alert). */
  items?: { kind: AlertKind; chatKey: string; title: string }[]
  /** For summaries: why alerts were gathered (a burst, do-not-disturb, the start-up backlog). */
  reason?: SummaryReason
  /** For `still-waiting`: which reminder this is (1 = first). */
  repeat?: number
  /** Playback volume 0..1 (settings.alerts.volume). */
  volume?: number
}

/** Why a summary alert stands for several alerts. */
/** `wake`: what arrived while the machine slept, the screen was locked or the network changed. */
export type SummaryReason = 'batch' | 'dnd' | 'startup' | 'wake'

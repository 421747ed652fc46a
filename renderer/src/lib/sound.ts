/** Plays the app's own alert sounds (toasts are silent so the volume is ours: docs/architecture.md, "Alerts"). */
import type { Settings } from '../../../shared/settings'
import { DEFAULT_ALERT_SOUNDS } from '../../../shared/sounds'

/** Sound files shipped in `public/sounds`, with the names the picker shows. */
export const SOUND_FILES: readonly (readonly [string, string])[] = [
  ['new', 'Ping'],
  ['missed', 'Alarm'],
  ['callback', 'Ring'],
  ['default', 'Chime'],
]

/** What each kind plays when settings name no sound (the engine's table, keyed by any kind name). */
export const DEFAULT_SOUNDS: Readonly<Record<string, string>> = DEFAULT_ALERT_SOUNDS

/** Sound names that have a file; anything else plays the default. */
const KNOWN = new Set(SOUND_FILES.map(([name]) => name))

/** Plays `name` once at `volume` percent (the picker's preview; ignores "sounds off", it is a test). */
export function previewSound(name: string, volume: number): void {
  if (typeof Audio === 'undefined') return
  const audio = new Audio(`./sounds/${KNOWN.has(name) ? name : 'default'}.wav`)
  audio.volume = Math.min(1, Math.max(0, volume / 100))
  audio.play().catch(() => {})
}

/** Plays `name` at the configured volume; failures (autoplay policy, missing device) are ignored. */
export function playAlertSound(name: string | null, settings: Settings | null): void {
  if (!name || !settings?.sound.enabled || settings.sound.volume === 0) return
  if (typeof Audio === 'undefined') return
  const audio = new Audio(`./sounds/${KNOWN.has(name) ? name : 'default'}.wav`)
  audio.volume = settings.sound.volume / 100
  audio.play().catch(() => {})
}

/** Plays the app's own alert sounds (toasts are silent so the volume is ours, ANCHORS.md §4). */
import type { Settings } from '../../../shared/settings'

/** Sound names that have a file; anything else plays the default. */
const KNOWN = new Set(['new', 'missed', 'callback', 'default'])

/** Plays `name` at the configured volume; failures (autoplay policy, missing device) are ignored. */
export function playAlertSound(name: string | null, settings: Settings | null): void {
  if (!name || !settings?.sound.enabled || settings.sound.volume === 0) return
  if (typeof Audio === 'undefined') return
  const audio = new Audio(`./sounds/${KNOWN.has(name) ? name : 'default'}.wav`)
  audio.volume = settings.sound.volume / 100
  audio.play().catch(() => {})
}

/** Which sound each alert kind plays by default: one table for the engine's alerts and the renderer's picker. */
import type { AlertKind } from './alert'

/** Sounds used when settings.alerts.sounds does not name one for a kind (the renderer's sound files). */
export const DEFAULT_ALERT_SOUNDS: Readonly<Record<AlertKind | 'summary', string>> = {
  new: 'new',
  missed: 'missed',
  callback: 'callback',
  'still-waiting': 'missed',
  'snooze-ended': 'default',
  'assigned-to-me': 'new',
  summary: 'default',
}

/** How the settings name each alert kind (the alert toggles and the sound picker). */
import type { ALERT_KINDS } from '../../../../shared/settings'

/** The label of each alert kind. */
export const ALERT_KIND_LABELS: Readonly<Record<(typeof ALERT_KINDS)[number], string>> = {
  new: 'New chat',
  missed: 'Missed chat',
  callback: 'Callback requested',
  'still-waiting': 'Still waiting',
  'snooze-ended': 'Snooze ended',
  'assigned-to-me': 'Assigned to me',
}

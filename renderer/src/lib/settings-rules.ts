/**
 * What the settings form knows about each field: its label, the allowed range of numbers (kept equal to
 * `settingsSchema` by a test), and the validator's messages turned into sentences an agent can act on.
 */

/** A number field's allowed range. */
export interface NumberRule {
  label: string
  min: number
  max: number
  unit: string
}

/** Ranges of the number fields in the form, by settings path. */
export const NUMBER_RULES: Readonly<Record<string, NumberRule>> = {
  'helpcrunch.pollSeconds': { label: 'Poll every', min: 5, max: 3600, unit: ' seconds' },
  'alerts.stillWaitingAfterSeconds': { label: 'Still waiting after', min: 10, max: 86400, unit: ' seconds' },
  'alerts.repeatEverySeconds': { label: 'Repeat every', min: 10, max: 86400, unit: ' seconds' },
  'listener.port': { label: 'Port', min: 0, max: 65535, unit: '' },
  'sound.volume': { label: 'Volume', min: 0, max: 100, unit: '%' },
}

/** The rule of a number field, including the per-source first-response targets (`alerts.firstResponseSeconds.<id>`). */
export function numberRule(path: string): NumberRule | undefined {
  if (path.startsWith('alerts.firstResponseSeconds.'))
    return { label: 'First reply within', min: 10, max: 86400, unit: ' seconds' }
  return NUMBER_RULES[path]
}

/** Labels of the other fields a validator message can name (each one a control in the form). */
const LABELS: Readonly<Record<string, string>> = {
  'listener.allowRemote': 'Let other machines reach the listener',
  'helpcrunch.agentId': 'My agent id',
  'deskdirector.baseUrl': 'Site address',
  'listener.host': 'Host',
  'app.globalShortcut': 'Global shortcut',
}

/** The message for a number outside its rule, or null when `value` is allowed. */
export function numberProblem(rule: NumberRule, value: number): string | null {
  if (Number.isInteger(value) && value >= rule.min && value <= rule.max) return null
  return `${rule.label} must be a whole number from ${rule.min} to ${rule.max}${rule.unit}.`
}

/** Turns `settings: "alerts.shifts.0.end": expected …` into a sentence; other messages pass unchanged. */
export function humanSettingsError(message: string): string {
  const match = /^settings: "([^"]*)": (.*)$/s.exec(message)
  if (!match) return message
  const [, path = '', detail = ''] = match
  // The schema names a setting by its path; the panel names the control that changes it.
  if (/listener\.allowRemote/.test(detail))
    return `${labelOf(path)} is reachable from other machines: turn on “${LABELS['listener.allowRemote']}” first.`
  const rule = numberRule(path)
  if (rule) return numberProblem(rule, Number.NaN) ?? message
  return `${labelOf(path)} ${humanDetail(detail)}.`
}

function labelOf(path: string): string {
  const shift = /^alerts\.shifts\.(\d+)\.(start|end|day)$/.exec(path)
  if (shift)
    return `Shift ${Number(shift[1]) + 1} ${shift[2] === 'day' ? 'day' : shift[2] === 'start' ? 'start' : 'end'}`
  return LABELS[path] ?? path
}

function humanDetail(detail: string): string {
  if (/HH:MM/.test(detail)) return 'must be a time from 00:00 to 24:00'
  if (/invalid url/i.test(detail)) return 'must be a web address such as https://acme.deskdirector.com'
  if (/protocol|https/i.test(detail)) return 'must start with https://'
  const big = /too big.*<=?\s*(\d+)/i.exec(detail)
  if (big) return `must be at most ${big[1]} characters`
  return `is not valid (${detail})`
}

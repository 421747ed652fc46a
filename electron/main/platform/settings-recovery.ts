/**
 * Turns whatever is in the settings file into valid settings, keeping every valid field and naming each
 * dropped one (a bad value never blocks start and never silently resets the rest). Pure.
 */
import { defaultSettings, parseSettings, type Settings, settingsSchema } from '../../../shared/settings'

/** Recovered settings plus the fields that were replaced by defaults. */
export interface Recovered {
  settings: Settings
  problems: string[]
}

/** Validates `raw` section by section, field by field. */
export function recoverSettings(raw: unknown): Recovered {
  const whole = parseSettings(raw)
  if (whole.success) return { settings: whole.data, problems: [] }
  const problems: string[] = []
  const input = isRecord(raw) ? raw : {}
  if (!isRecord(raw)) problems.push('settings file is not an object')
  const result: Record<string, unknown> = { ...defaultSettings() }
  for (const [section, schema] of Object.entries(settingsSchema.shape)) {
    const given = input[section]
    if (given === undefined) continue
    if (schema.safeParse(given).success) {
      result[section] = schema.parse(given)
      continue
    }
    if (!isRecord(given)) {
      problems.push(`${section}: not an object`)
      continue
    }
    let kept: Record<string, unknown> = {}
    for (const [field, value] of Object.entries(given)) {
      const attempt = schema.safeParse({ ...kept, [field]: value })
      if (attempt.success) kept = { ...kept, [field]: value }
      else problems.push(`${section}.${field}: ${attempt.error.issues[0]?.message ?? 'invalid'}`)
    }
    result[section] = schema.parse(kept)
  }
  return { settings: settingsSchema.parse(result), problems }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

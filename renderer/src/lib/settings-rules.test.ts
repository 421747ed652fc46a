import { describe, expect, it } from 'vitest'
import { defaultSettings, parseSettings } from '../../../shared/settings'
import { humanSettingsError, NUMBER_RULES, numberProblem } from './settings-rules'

function withValue(path: string, value: unknown): boolean {
  const settings = defaultSettings() as unknown as Record<string, Record<string, unknown>>
  const [section = '', key = ''] = path.split('.')
  const part = settings[section]
  if (part) part[key] = value
  return parseSettings(settings).success
}

describe('settings form rules', () => {
  it('use exactly the ranges the settings schema enforces', () => {
    for (const [path, rule] of Object.entries(NUMBER_RULES)) {
      expect(withValue(path, rule.min), `${path} min`).toBe(true)
      expect(withValue(path, rule.max), `${path} max`).toBe(true)
      expect(withValue(path, rule.min - 1), `${path} below`).toBe(false)
      expect(withValue(path, rule.max + 1), `${path} above`).toBe(false)
    }
  })

  it('say the allowed range in words', () => {
    const rule = NUMBER_RULES['helpcrunch.pollSeconds']
    if (!rule) throw new Error('no rule')
    expect(numberProblem(rule, 1)).toBe('Poll every must be a whole number from 5 to 3600 seconds.')
    expect(numberProblem(rule, 7.5)).toBe('Poll every must be a whole number from 5 to 3600 seconds.')
    expect(numberProblem(rule, 30)).toBeNull()
  })

  it('turn validator text into sentences', () => {
    expect(humanSettingsError('settings: "helpcrunch.pollSeconds": Too small: expected number to be >=5')).toBe(
      'Poll every must be a whole number from 5 to 3600 seconds.',
    )
    expect(humanSettingsError('settings: "alerts.shifts.0.end": expected "HH:MM" (00:00-24:00)')).toBe(
      'Shift 1 end must be a time from 00:00 to 24:00.',
    )
    expect(humanSettingsError('settings: "deskdirector.baseUrl": Invalid URL')).toBe(
      'Site address must be a web address such as https://acme.deskdirector.com.',
    )
    expect(humanSettingsError('bridge failed: gone')).toBe('bridge failed: gone')
  })
})

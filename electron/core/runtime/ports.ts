/**
 * Settings and secrets held in memory (the headless host, demo mode, tests), and the settings validation every
 * settings port shares. The port interfaces themselves are in `engine/ports.ts` (import them from there only);
 * the Electron app's ports are electron-store + safeStorage (`electron/main/platform/`).
 */
import { CommandFailure } from '../../../shared/protocol'
import {
  defaultSettings,
  mergeSettings,
  parseSettings,
  type SecretName,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings'
import type { SecretsPort, SettingsPort } from '../engine/ports'

/** Validates `patch` against `current`; the error names the first bad field. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const parsed = parseSettings(mergeSettings(current, patch))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new CommandFailure('invalid_params', `settings: "${issue?.path.join('.')}": ${issue?.message}`)
  }
  return parsed.data
}

/** Settings held in memory (headless host, tests). */
export function memorySettings(initial: Settings = defaultSettings()): SettingsPort {
  let current = initial
  return {
    get: () => current,
    update(patch) {
      current = applySettingsPatch(current, patch)
      return current
    },
  }
}

/** Secrets held in memory (headless host, tests). */
export function memorySecrets(initial: Partial<Record<SecretName, string>> = {}): SecretsPort {
  const values = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][])
  return {
    get: (name) => values.get(name) ?? null,
    set(name, value) {
      if (value === null || value === '') values.delete(name)
      else values.set(name, value)
    },
  }
}

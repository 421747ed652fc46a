/**
 * The two things a host must provide to the runtime: where settings live and where secrets live
 * (the interfaces are in `engine/ports.ts`, so sources can name them without importing the runtime).
 * Electron: electron-store + safeStorage (platform/). Headless: memory, seeded from flags and env.
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

export type { SecretsPort, SettingsPort }

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

/**
 * The two things a host must provide to the runtime: where settings live and where secrets live.
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

/** Read and update settings. `update` validates the merged result and throws `CommandFailure` if invalid. */
export interface SettingsPort {
  get(): Settings
  update(patch: SettingsPatch): Settings
}

/** Read and write secrets (main process only). Values never appear in events, logs or errors. */
export interface SecretsPort {
  get(name: SecretName): string | null
  set(name: SecretName, value: string | null): void
}

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

/** Splits the stored DeskDirector secrets value (one per registered webhook, newline- or comma-separated). */
export function splitSecrets(value: string | null): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

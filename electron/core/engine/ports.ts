/**
 * Where settings and secrets live, as the engine and the sources see them. A host provides both:
 * Electron: electron-store + safeStorage (platform/). Headless and tests: memory (runtime/ports.ts).
 */
import type { PolicyStatus } from '../../../shared/policy'
import type { SecretName, Settings, SettingsPatch } from '../../../shared/settings'

/** Read and update settings. `update` validates the merged result and throws `CommandFailure` if invalid. */
export interface SettingsPort {
  get(): Settings
  update(patch: SettingsPatch): Settings
  /** The machine policy over these settings (locked keys, problems); none when absent. */
  policy?(): PolicyStatus
}

/** Read and write secrets (main process only). Values never appear in events, logs or errors. */
export interface SecretsPort {
  get(name: SecretName): string | null
  set(name: SecretName, value: string | null): void
}

/** Splits a stored secret that holds several values (one per registered webhook), newline- or comma-separated. */
export function splitSecrets(value: string | null): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/**
 * Which secrets main holds (never their values), read with `secrets.status`, and which ones main removed
 * on its own (a HelpCrunch API address moved to another origin: the key is not sent to a new server), so
 * the field can say so instead of silently turning to "not set".
 */
import { create } from 'zustand'
import { SECRET_NAMES, type SecretName } from '../../../shared/settings'
import { command } from '../lib/bridge'

/** Configured or not, per secret. */
export type SecretStatus = Record<SecretName, boolean>

/** Secrets state. */
export interface SecretsState {
  configured: SecretStatus
  /** Removed by main after a settings change, until a new value is saved. */
  cleared: SecretName[]
  /** Asks main again. */
  load(): Promise<void>
  /** A secret was saved or removed from its field. */
  changed(name: SecretName, configured: boolean): void
  /** `settings.update` answered `clearedSecrets`: remember them and re-read the status. */
  clearedByMain(names: readonly SecretName[]): Promise<void>
}

/** Nothing configured (before the first answer). */
export const NO_SECRETS = Object.fromEntries(SECRET_NAMES.map((n) => [n, false])) as SecretStatus

/** The secrets store. */
export const useSecrets = create<SecretsState>((set, get) => ({
  configured: NO_SECRETS,
  cleared: [],
  async load() {
    const outcome = await command('secrets.status', {})
    if (outcome.ok) set({ configured: outcome.result.configured })
  },
  changed: (name, configured) =>
    set((s) => ({ configured: { ...s.configured, [name]: configured }, cleared: s.cleared.filter((n) => n !== name) })),
  async clearedByMain(names) {
    set((s) => ({ cleared: [...new Set([...s.cleared, ...names])] }))
    await get().load()
  },
}))

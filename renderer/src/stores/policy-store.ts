/**
 * The machine policy as the panel shows it (shared/policy.ts): which settings IT locked and what was wrong with the
 * policy file. Read once from `settings.get` (main reads the file at start; it does not change while running).
 */
import { create } from 'zustand'
import { isLockedKey, type PolicyStatus } from '../../../shared/policy'
import type { SettingsPatch } from '../../../shared/settings'
import { command } from '../lib/bridge'

interface PolicyState {
  /** The policy in force, or null before it is read or where the host has none. */
  policy: PolicyStatus | null
  /** Reads the policy from main (once; later calls reuse the answer). */
  load(): Promise<void>
}

let loading: Promise<void> | null = null

/** The store. */
export const usePolicy = create<PolicyState>((set) => ({
  policy: null,
  load: () => {
    loading ??= command('settings.get', {}).then((outcome) => {
      if (outcome.ok && outcome.result?.policy) set({ policy: outcome.result.policy })
    })
    return loading
  },
}))

/** True when saving `patch` would change a setting the policy locks (main would refuse it with `locked_by_policy`). */
export function patchIsLocked(patch: SettingsPatch, locked: readonly string[]): boolean {
  if (locked.length === 0) return false
  return Object.entries(patch as Record<string, unknown>).some(
    ([section, fields]) =>
      typeof fields === 'object' &&
      fields !== null &&
      Object.keys(fields).some((field) => isLockedKey(`${section}.${field}`, locked)),
  )
}

/** Forgets the policy read (tests mount the panel against several hosts). */
export function resetPolicyForTests(): void {
  loading = null
  usePolicy.setState({ policy: null })
}

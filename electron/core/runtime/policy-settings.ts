/**
 * The machine policy over a host's settings: the values IT sets are written at start (each on its own, so one bad
 * value spoils nothing else), and `settings.update` refuses to change a locked key (`assertUnlocked`), with the
 * error code `locked_by_policy`, on every host (IPC and NDJSON alike).
 */
import { isLockedKey, type PolicyStatus } from '../../../shared/policy'
import { CommandFailure } from '../../../shared/protocol'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import type { Logger } from '../engine/log'
import type { SettingsPort } from '../engine/ports'
import { sameJson } from '../engine/same-json'
import type { MachinePolicy } from './policy-file'

/** `port` with the policy applied: IT's values written now, `policy()` telling what is locked and why. */
export function withPolicy(port: SettingsPort, policy: MachinePolicy, log: Logger): SettingsPort {
  const status: PolicyStatus = { ...policy.status, problems: [...policy.status.problems] }
  for (const [key, value] of Object.entries(policy.values)) {
    const [section, name] = key.split('.') as [string, string]
    const current = (port.get() as unknown as Record<string, Record<string, unknown>>)[section]?.[name]
    if (sameJson(current, value)) continue
    try {
      port.update({ [section]: { [name]: value } } as SettingsPatch)
    } catch (error) {
      // The key stays locked at its current value: IT meant to decide it, the user may not.
      status.problems.push(`The policy's value for "${key}" was not applied: ${(error as Error).message}`)
    }
  }
  for (const problem of status.problems) log.warn('machine policy', { problem })
  if (status.file) log.info('machine policy in force', { file: status.file, locked: status.locked.length })
  return { get: () => port.get(), update: (patch) => port.update(patch), policy: () => status }
}

/** The keys (`section.field`) a patch would change, compared with the current settings. */
export function changedKeys(current: Settings, patch: SettingsPatch): string[] {
  const changed: string[] = []
  const sections = current as unknown as Record<string, Record<string, unknown>>
  for (const [section, values] of Object.entries(patch as Record<string, unknown>)) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      changed.push(`${section}.*`)
      continue
    }
    for (const [name, value] of Object.entries(values))
      if (!sameJson(sections[section]?.[name], value)) changed.push(`${section}.${name}`)
  }
  return changed
}

/** Throws `locked_by_policy` when the patch would change a locked setting (sending its current value is fine). */
export function assertUnlocked(current: Settings, patch: SettingsPatch, policy: PolicyStatus | undefined): void {
  if (!policy || policy.locked.length === 0) return
  const locked = changedKeys(current, patch).filter((key) =>
    key.endsWith('.*') ? policy.locked.some((l) => l.startsWith(key.slice(0, -1))) : isLockedKey(key, policy.locked),
  )
  if (locked.length === 0) return
  throw new CommandFailure(
    'locked_by_policy',
    `settings: ${locked.map((key) => `"${key}"`).join(', ')} ${locked.length === 1 ? 'is' : 'are'} locked by ` +
      `your organisation's policy (${policy.file ?? 'policy file'}); ask your IT department to change it`,
  )
}

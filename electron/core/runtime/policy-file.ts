/**
 * Reads the machine policy file (docs/updates-and-policy.md) once at start. Every field is validated on its own;
 * whatever cannot be read gets the **safest reading** and is named in `problems`: updates off (nothing is installed
 * that IT did not mean), and the settings that decide where data goes, who can reach the machine and what shows on
 * screen (`SAFEST_LOCKS`) locked at their current values. A missing file means no policy.
 */
import { readFileSync } from 'node:fs'
import { posix, win32 } from 'node:path'
import type { z } from 'zod'
import {
  MAX_POLICY_BYTES,
  NO_POLICY,
  POLICY_FIELDS,
  type PolicyStatus,
  policyFields,
  policyKey,
} from '../../../shared/policy'
import { defaultSettings } from '../../../shared/settings'

/**
 * Locked when the policy file cannot be read as written: the team hub a desktop follows, who can reach the listener,
 * and privacy (what shows on screen). (A help desk's API URL needs no lock: moving it clears the stored key.)
 */
export const SAFEST_LOCKS: readonly string[] = ['hub.url', 'listener.*', 'alerts.privacy']

/** A policy as read: what hosts show (`status`) plus the setting values IT sets (applied at start). */
export interface MachinePolicy {
  status: PolicyStatus
  /** `section.field` → value, from the file's `settings`. */
  values: Record<string, unknown>
}

/** The policy file's path on `platform`: `CHAT_TRAY_POLICY_FILE` when set, else the machine-wide location. */
export function policyPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (env.CHAT_TRAY_POLICY_FILE) return env.CHAT_TRAY_POLICY_FILE
  if (platform === 'win32') return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Chat Tray', 'policy.json')
  if (platform === 'darwin') return posix.join('/Library/Application Support/Chat Tray/policy.json')
  return '/etc/chat-tray/policy.json'
}

/** Reads the policy for this machine (see `policyPath`); never throws. */
export function loadPolicy(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): MachinePolicy {
  const file = policyPath(platform, env)
  let text: string
  try {
    const bytes = readFileSync(file)
    if (bytes.byteLength > MAX_POLICY_BYTES) return broken(file, `it is larger than ${MAX_POLICY_BYTES / 1024} KiB`)
    text = bytes.toString('utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: NO_POLICY, values: {} }
    return broken(file, `it cannot be read (${code ?? (error as Error).message})`)
  }
  return parsePolicy(file, text)
}

/** Parses the text of a policy file read from `file`. */
export function parsePolicy(file: string, text: string): MachinePolicy {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return broken(file, 'it is not valid JSON')
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return broken(file, 'it is not a JSON object')
  const input = raw as Record<string, unknown>
  const status: PolicyStatus = { ...NO_POLICY, file, locked: [], problems: [] }
  const values: Record<string, unknown> = {}
  let unsafe = false
  const problem = (text: string) => {
    status.problems.push(text)
    unsafe = true
  }
  for (const field of Object.keys(input))
    if (!(POLICY_FIELDS as string[]).includes(field)) problem(`unknown field "${field}"`)

  const updates = field('updates', input, problem)
  status.updates = updates === undefined ? (input.updates === undefined ? 'on' : 'off') : updates
  const channel = field('channel', input, problem)
  if (channel) status.channel = channel
  else if (input.channel !== undefined) status.channel = 'stable'
  const updateUrl = field('updateUrl', input, problem)
  if (updateUrl) status.updateUrl = updateUrl
  else if (input.updateUrl !== undefined) status.updates = 'off'

  for (const [key, value] of Object.entries(entries(input.settings, 'settings', problem))) {
    if (!knownKey(key, false)) problem(`"settings" names no setting "${key}"`)
    else {
      values[key] = value
      status.locked.push(key)
    }
  }
  for (const key of items(input.locked, problem)) {
    if (!knownKey(key, true)) problem(`"locked" names no setting "${key}"`)
    else status.locked.push(key)
  }
  if (status.channel) {
    values['app.updateChannel'] = status.channel
    status.locked.push('app.updateChannel')
  }
  if (unsafe) return safest({ status, values }, file)
  status.locked = [...new Set(status.locked)]
  return { status, values }
}

/** A file that says nothing usable: updates off, the safest locks. */
function broken(file: string, why: string): MachinePolicy {
  return safest({ status: { ...NO_POLICY, file, locked: [], problems: [`${why}`] }, values: {} }, file)
}

/** Adds the safest reading to what could be read; the problems say so. */
function safest(policy: MachinePolicy, file: string): MachinePolicy {
  const { status } = policy
  status.updates = 'off'
  status.locked = [...new Set([...status.locked, ...SAFEST_LOCKS])]
  status.problems = status.problems.map(
    (text) =>
      `The policy file ${file} could not be applied as written: ${text}; updates are off and ` +
      `${SAFEST_LOCKS.join(', ')} are locked until IT fixes it.`,
  )
  return policy
}

/** One field parsed with its schema; a bad value is reported and read as undefined. */
function field<K extends 'updates' | 'channel' | 'updateUrl'>(
  name: K,
  input: Record<string, unknown>,
  problem: (text: string) => void,
): z.output<(typeof policyFields)[K]> | undefined {
  if (input[name] === undefined) return undefined
  const parsed = policyFields[name].safeParse(input[name])
  if (parsed.success) return parsed.data as z.output<(typeof policyFields)[K]>
  problem(`"${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  return undefined
}

function entries(value: unknown, name: string, problem: (text: string) => void): Record<string, unknown> {
  if (value === undefined) return {}
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  problem(`"${name}" must be an object of "section.field": value`)
  return {}
}

function items(value: unknown, problem: (text: string) => void): string[] {
  if (value === undefined) return []
  const parsed = policyFields.locked.safeParse(value)
  if (parsed.success) return parsed.data
  if (!Array.isArray(value)) {
    problem('"locked" must be a list of setting keys')
    return []
  }
  return value.filter((item) => {
    const ok = policyKey.safeParse(item).success
    if (!ok) problem(`"locked" has an entry that is not a setting key: ${JSON.stringify(item).slice(0, 60)}`)
    return ok
  }) as string[]
}

/** True when `key` names a setting (`section.field`), or a section when `section.*` is allowed. */
function knownKey(key: string, wildcard: boolean): boolean {
  if (!policyKey.safeParse(key).success) return false
  const [section, name] = key.split('.') as [string, string]
  const values = (defaultSettings() as Record<string, Record<string, unknown>>)[section]
  if (!values) return false
  return (wildcard && name === '*') || Object.hasOwn(values, name)
}

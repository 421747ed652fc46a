/**
 * The machine policy IT writes for every user of a computer (docs/updates-and-policy.md): updates on or off, a
 * pinned channel or update server, settings set and locked. The file is read by main (core/runtime/policy-file.ts);
 * the panel only sees the resulting `PolicyStatus` (which settings are locked, what was wrong with the file).
 */
import { z } from 'zod'
import { apiUrlProblem } from './api-url'

/** Update channels: `stable` reads `latest-*.yml` on the update server, `beta` reads `beta-*.yml`. */
export const UPDATE_CHANNELS = ['stable', 'beta'] as const
/** One of `UPDATE_CHANNELS`. */
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number]

/** Largest policy file read (a policy is a few lines; anything bigger is not one). */
export const MAX_POLICY_BYTES = 64 * 1024

/** One setting key as a policy names it: `section.field` (e.g. `hub.url`), or `section.*` for a whole section. */
export const policyKey = z
  .string()
  .max(100)
  .regex(/^[a-zA-Z]+\.(?:\*|[a-zA-Z]+)$/, 'expected "section.field" or "section.*"')

/** The fields of a policy file, each validated on its own (a bad field does not spoil the others). */
export const policyFields = {
  /** `off`: no update check, no download, no request to any update server. */
  updates: z.enum(['on', 'off']),
  /** Pins the channel: the user's `app.updateChannel` is then locked to it. */
  channel: z.enum(UPDATE_CHANNELS),
  /** Replaces the update server built into the installer (a generic electron-updater feed). */
  updateUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .check((ctx) => {
      const problem = apiUrlProblem(ctx.value)
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
    }),
  /** Settings IT sets for everyone, by key (`"hub.url": "https://hub.example.com"`); each is also locked. */
  settings: z.record(policyKey, z.unknown()),
  /** Settings users may not change (their current value stays), by key or `section.*`. */
  locked: z.array(policyKey).max(200),
} as const

/** A policy file's known field names. */
export const POLICY_FIELDS = Object.keys(policyFields) as (keyof typeof policyFields)[]

/** What the policy in force says, and what was wrong with the file (shown to the user, never silent). */
export interface PolicyStatus {
  /** The file read, or null when there is none (no policy). */
  file: string | null
  updates: 'on' | 'off'
  /** The pinned channel, or null when the user chooses. */
  channel: UpdateChannel | null
  /** The pinned update server, or null for the one built into the installer. */
  updateUrl: string | null
  /** Setting keys (`section.field`) users may not change. */
  locked: string[]
  /** What could not be read or applied, in plain words (empty when the file is fine). */
  problems: string[]
}

/** No policy file: nothing locked, updates on. */
export const NO_POLICY: PolicyStatus = {
  file: null,
  updates: 'on',
  channel: null,
  updateUrl: null,
  locked: [],
  problems: [],
}

/** True when the setting `key` (`section.field`) is locked by `locked` (which may hold `section.*`). */
export function isLockedKey(key: string, locked: readonly string[]): boolean {
  const section = key.split('.')[0]
  return locked.includes(key) || locked.includes(`${section}.*`)
}

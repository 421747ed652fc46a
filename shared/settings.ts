/**
 * The settings schema shared by main, the headless host and the renderer (docs/architecture.md, "Settings and secrets").
 * Every field has a default, so `parseSettings({})` is a complete, valid configuration.
 * Secrets are NOT here: they live encrypted in main (see `SECRET_NAMES`) and never reach the renderer.
 */
import { z } from 'zod'
import { apiUrlProblem } from './api-url'
import { isLoopbackHost } from './loopback'

const hostname = z.string().min(1).max(253)

/** Alert kinds the policy can raise (docs/architecture.md, "Alerts"). */
export const ALERT_KINDS = ['new', 'missed', 'callback', 'still-waiting', 'snooze-ended', 'assigned-to-me'] as const

const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected "HH:MM" (00:00-24:00)')

/** One weekly shift: `day` 0 = Sunday … 6 = Saturday, `start`/`end` as local "HH:MM". */
export const shiftSchema = z.object({ day: z.number().int().min(0).max(6), start: clock, end: clock })
/** One weekly shift. */
export type Shift = z.output<typeof shiftSchema>

/** Settings schema with defaults; parse unknown input with `parseSettings`. */
export const settingsSchema = z.object({
  helpcrunch: z
    .object({
      /** The API key is sent here: `https:` only (plain `http:` for loopback hosts); a new origin clears the key. */
      apiUrl: z
        .url({ protocol: /^https?$/ })
        .check((ctx) => {
          const problem = apiUrlProblem(ctx.value)
          if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
        })
        .default('https://api.helpcrunch.com/v1'),
      /** HelpCrunch agent id of "me" (for assign-to-me, scope "mine", assigned-to-me alerts). */
      agentId: z.string().max(64).nullable().default(null),
      pollSeconds: z.number().int().min(5).max(3600).default(15),
      /** This desktop's ceiling of the organisation's 120 requests/minute (others share them); lowered on 429. */
      requestsPerMinute: z.number().int().min(1).max(120).default(60),
      /** Agent-app link; `{domain}` and `{id}` are filled in. */
      webUrlTemplate: z.string().max(500).default('https://{domain}.helpcrunch.com/inbox/chats/{id}'),
      /** Organisation subdomain, filled from `GET /organization` when empty. */
      domain: z.string().max(100).nullable().default(null),
    })
    .prefault({}),
  deskdirector: z
    .object({
      /** DeskDirector site, e.g. `https://acme.deskdirector.com`; used for "open" links and the openExternal allowlist. */
      baseUrl: z
        .url({ protocol: /^https$/ })
        .nullable()
        .default(null),
      /** "Me" at DeskDirector: the tech's `userId` (`<instance>~m~<id>`, e.g. `nzlancomdev~m~268`). */
      userId: z.string().max(200).nullable().default(null),
    })
    .prefault({}),
  listener: z
    .object({
      /** Binding `host` beyond loopback (e.g. `0.0.0.0`) must be allowed explicitly. Listed first: settings recovery keeps fields in order. */
      allowRemote: z.boolean().default(false),
      host: hostname.default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(4757),
      /** Accept deliveries on a route whose secret is not configured (off by default: explicit opt-in). */
      allowUnsigned: z
        .object({ deskdirector: z.boolean().default(false), helpcrunch: z.boolean().default(false) })
        .prefault({}),
      /** Host names requests may be addressed to besides loopback (a tunnel's public name); others get 421. */
      publicHosts: z.array(hostname).max(20).default([]),
    })
    .superRefine((listener, ctx) => {
      if (!listener.allowRemote && !isLoopbackHost(listener.host)) {
        ctx.addIssue({
          code: 'custom',
          path: ['host'],
          message: `"${listener.host}" is reachable from other machines: set listener.allowRemote to true to bind it`,
        })
      }
    })
    .prefault({}),
  alerts: z
    .object({
      scope: z.enum(['all', 'unassigned', 'mine']).default('all'),
      kinds: z.partialRecord(z.enum(ALERT_KINDS), z.boolean()).default({}),
      stillWaitingAfterSeconds: z.number().int().min(10).max(86400).default(120),
      /**
       * First-response target per source id, in seconds: a waiting customer's countdown on the panel turns amber
       * at half of it, red at 80 %, then reads "overdue". A source not listed uses `DEFAULT_FIRST_RESPONSE_SECONDS`.
       */
      firstResponseSeconds: z
        .record(z.string().max(40), z.number().int().min(10).max(86400))
        .default({ helpcrunch: 60, deskdirector: 40 }),
      repeatEverySeconds: z.number().int().min(10).max(86400).default(120),
      privacy: z.boolean().default(false),
      batchWindowMs: z.number().int().min(0).max(60000).default(1500),
      /** Sound per alert kind (and `summary`); a missing kind uses `DEFAULT_ALERT_SOUNDS`, null = silent. Volume: `sound`. */
      sounds: z.partialRecord(z.enum([...ALERT_KINDS, 'summary']), z.string().max(100).nullable()).default({}),
      /** Weekly shifts (local time); `end` at or before `start` crosses midnight. Also drive the `next-shift` snooze. */
      shifts: z.array(shiftSchema).max(100).default([]),
      /** Outside every shift counts as do-not-disturb (needs at least one shift). */
      scheduleDnd: z.boolean().default(false),
      /** Longest the start-up summary waits for sources' first sync, in seconds. */
      startupWindowSeconds: z.number().int().min(0).max(600).default(10),
    })
    .prefault({}),
  app: z
    .object({
      theme: z.enum(['system', 'light', 'dark']).default('system'),
      launchAtLogin: z.boolean().default(true),
      globalShortcut: z.string().max(100).nullable().default('CommandOrControl+Shift+Y'),
      onboarded: z.boolean().default(false),
      demo: z.boolean().default(false),
      /** Which releases the app updates to; a machine policy may pin it (shared/policy.ts). */
      updateChannel: z.enum(['stable', 'beta']).default('stable'),
    })
    .prefault({}),
  /** A team hub to follow instead of polling and listening (null = this desktop polls itself). Token: secret `hub.token`. */
  hub: z
    .object({
      url: z
        .url({ protocol: /^https?$/ })
        .check((ctx) => {
          const problem = apiUrlProblem(ctx.value)
          if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
        })
        .nullable()
        .default(null),
    })
    .prefault({}),
  /** The app's own alert sounds (toasts are silent; the panel plays these). */
  sound: z
    .object({
      enabled: z.boolean().default(true),
      /** Percent. */
      volume: z.number().int().min(0).max(100).default(60),
    })
    .prefault({}),
})

/** The first-response target of a source that `alerts.firstResponseSeconds` does not list. */
export const DEFAULT_FIRST_RESPONSE_SECONDS = 60

/** A complete, validated settings object. */
export type Settings = z.output<typeof settingsSchema>

/** Recursively optional settings, as accepted by `settings.update`. */
export type SettingsPatch = { [K in keyof Settings]?: Partial<Settings[K]> }

/** Names of secrets kept encrypted in main; values never leave it. */
export const SECRET_NAMES = ['helpcrunch.apiKey', 'helpcrunch.signingKey', 'deskdirector.secrets', 'hub.token'] as const
/** One of `SECRET_NAMES`. */
export type SecretName = (typeof SECRET_NAMES)[number]

/** Secrets that are one token each; the others are lists (one per line or comma). */
export const SINGLE_TOKEN_SECRETS: readonly SecretName[] = ['helpcrunch.apiKey', 'helpcrunch.signingKey', 'hub.token']

/** API keys and the setting naming the server they were given for: a key is never sent to another origin. */
export const KEY_ORIGINS: readonly { secret: SecretName; url: (settings: Settings) => string | null }[] = [
  { secret: 'helpcrunch.apiKey', url: (settings) => settings.helpcrunch.apiUrl },
  // The team hub's token goes only to the hub it was issued by.
  { secret: 'hub.token', url: (settings) => settings.hub.url },
]

/** Parses settings; unknown keys are dropped, invalid values reported with their path. */
export function parseSettings(input: unknown): ReturnType<typeof settingsSchema.safeParse> {
  return settingsSchema.safeParse(input)
}

/** The default settings. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({})
}

/** Applies a patch one level deep per section (sections are flat objects, except nested records replaced whole). */
export function mergeSettings(current: Settings, patch: SettingsPatch): unknown {
  const next: Record<string, unknown> = { ...current }
  for (const [section, values] of Object.entries(patch)) {
    const base = (current as Record<string, unknown>)[section]
    next[section] = isPlainObject(base) && isPlainObject(values) ? { ...base, ...values } : values
  }
  return next
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The settings schema shared by main, the headless host and the renderer (docs/architecture.md, "Settings and secrets").
 * Every field has a default, so `parseSettings({})` is a complete, valid configuration. Each help desk declares
 * its own section and secrets (`SourceSettings`, in `shared/sources/<desk>.ts`); `composeSettings` puts them
 * together with the app's own sections, and `SOURCE_SETTINGS` lists the shipped desks' declarations, which the
 * source registry must match one to one (electron/core/sources/registry.ts: a missing one does not compile).
 * Secrets are NOT here: they live encrypted in main (see `SECRET_NAMES`) and never reach the renderer.
 */
import { z } from 'zod'
import { apiUrlProblem } from './api-url'
import { isLoopbackHost } from './loopback'
import type { SecretNameOf, SourceSettings } from './source-settings'
import { DESKDIRECTOR_SETTINGS } from './sources/deskdirector'
import { HELPCRUNCH_SETTINGS } from './sources/helpcrunch'

const hostname = z.string().min(1).max(253)

/** Alert kinds the policy can raise (docs/architecture.md, "Alerts"). */
export const ALERT_KINDS = ['new', 'missed', 'callback', 'still-waiting', 'snooze-ended', 'assigned-to-me'] as const

const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected "HH:MM" (00:00-24:00)')

/** One weekly shift: `day` 0 = Sunday … 6 = Saturday, `start`/`end` as local "HH:MM". */
export const shiftSchema = z.object({ day: z.number().int().min(0).max(6), start: clock, end: clock })
/** One weekly shift. */
export type Shift = z.output<typeof shiftSchema>

/** The app's own sections, after the help desks' (a settings file lists them in this order). */
function appSections<Id extends string>(
  sourceIds: readonly Id[],
  firstResponse: Readonly<Record<string, number>> = {},
) {
  /** Per help desk: accept deliveries on its webhook route while no secret is configured (explicit opt-in). */
  const unsigned = Object.fromEntries(sourceIds.map((id) => [id, z.boolean().default(false)])) as Record<
    Id,
    z.ZodDefault<z.ZodBoolean>
  >
  return {
    listener: z
      .object({
        /** Binding `host` beyond loopback (e.g. `0.0.0.0`) must be allowed explicitly. Listed first: settings recovery keeps fields in order. */
        allowRemote: z.boolean().default(false),
        host: hostname.default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(4757),
        /** Accept deliveries on a route whose secret is not configured (off by default: explicit opt-in). */
        allowUnsigned: z.object(unsigned).prefault({} as z.input<z.ZodObject<typeof unsigned>>),
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
         * at half of it, red at 80 %, then reads "overdue". Defaults come from each desk's declaration; a source
         * not listed uses `DEFAULT_FIRST_RESPONSE_SECONDS`.
         */
        firstResponseSeconds: z
          .record(z.string().max(40), z.number().int().min(10).max(86400))
          .default({ ...firstResponse }),
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
  }
}

/** The app's own secret: the team hub token (it goes only to `hub.url`'s origin). */
const HUB_TOKEN = 'hub.token'

/** Help desks' settings by source id, each under its own id. */
export type SourceSettingsById = { readonly [Id in string]: SourceSettings<Id> }

/** The schema shape of the composed settings: each desk's section, then the app's own. */
type ComposedShape<S extends SourceSettingsById> = { [Id in keyof S]: z.ZodPrefault<S[Id]['section']> } & ReturnType<
  typeof appSections<keyof S & string>
>

/** What a runtime needs of the settings it runs on: the schema, and every secret's name and rules. */
export interface SettingsModel<S extends SourceSettingsById = SourceSettingsById> {
  /** The help desks whose sections and secrets it holds. */
  readonly sources: S
  readonly schema: z.ZodObject<ComposedShape<S>>
  /** Every secret kept: the desks' (`<id>.<name>`), then `hub.token`. */
  readonly secretNames: readonly (SecretNameOf<S[keyof S]> | typeof HUB_TOKEN)[]
  /** The secrets that are one token each (the others are lists). */
  readonly singleTokenSecrets: readonly string[]
  /** API keys and the setting naming the server they were given for: a key is never sent to another origin. */
  readonly keyOrigins: readonly { secret: string; url(settings: object): string | null }[]
}

/** Puts help desks' settings declarations together with the app's own sections into one settings model. */
export function composeSettings<const S extends SourceSettingsById>(sources: S): SettingsModel<S> {
  const declared = Object.values(sources)
  for (const [id, source] of Object.entries(sources))
    if (source.id !== id) throw new Error(`settings of "${source.id}" are listed under "${id}"`)
  const desks = Object.fromEntries(declared.map((source) => [source.id, source.section.prefault({})]))
  const firstResponse = Object.fromEntries(
    declared.flatMap((source) => (source.firstResponseSeconds ? [[source.id, source.firstResponseSeconds]] : [])),
  )
  const schema = z.object({ ...desks, ...appSections(Object.keys(sources), firstResponse) }) as unknown as z.ZodObject<
    ComposedShape<S>
  >
  const secrets = declared.flatMap((source) =>
    Object.entries(source.secrets).map(([name, spec]) => ({ id: source.id, name: `${source.id}.${name}`, spec })),
  )
  return {
    sources,
    schema,
    secretNames: [...secrets.map((s) => s.name), HUB_TOKEN] as SettingsModel<S>['secretNames'],
    singleTokenSecrets: [...secrets.filter((s) => s.spec.single).map((s) => s.name), HUB_TOKEN],
    keyOrigins: [
      ...secrets.flatMap(({ id, name, spec }) =>
        spec.origin
          ? [
              {
                secret: name,
                url: (settings: object) => spec.origin?.((settings as Record<string, object>)[id] as never) ?? null,
              },
            ]
          : [],
      ),
      // The team hub's token goes only to the hub it was issued by.
      { secret: HUB_TOKEN, url: (settings: object) => (settings as { hub: { url: string | null } }).hub.url },
    ],
  }
}

/** The first-response target of a source that `alerts.firstResponseSeconds` does not list. */
export const DEFAULT_FIRST_RESPONSE_SECONDS = 60

/**
 * The help desks this build ships, by source id: each plug-in in the registry declares its entry here, and the
 * registry lists one plug-in per entry, so a desk without its settings (or settings without a desk) does not compile.
 */
export const SOURCE_SETTINGS = { helpcrunch: HELPCRUNCH_SETTINGS, deskdirector: DESKDIRECTOR_SETTINGS } as const

/** The source id of a shipped help desk. */
export type ShippedSourceId = keyof typeof SOURCE_SETTINGS

/** The settings of this build: the shipped desks' sections and secrets with the app's own. */
export const SETTINGS = composeSettings(SOURCE_SETTINGS)

/** Settings schema with defaults; parse unknown input with `parseSettings`. */
export const settingsSchema = SETTINGS.schema

/** A complete, validated settings object. */
export type Settings = z.output<typeof settingsSchema>

/** Recursively optional settings, as accepted by `settings.update`. */
export type SettingsPatch = { [K in keyof Settings]?: Partial<Settings[K]> }

/** Names of secrets kept encrypted in main; values never leave it. */
export const SECRET_NAMES = SETTINGS.secretNames
/** One of `SECRET_NAMES`. */
export type SecretName = (typeof SECRET_NAMES)[number]

/** Secrets that are one token each; the others are lists (one per line or comma). */
export const SINGLE_TOKEN_SECRETS = SETTINGS.singleTokenSecrets as readonly SecretName[]

/** API keys and the setting naming the server they were given for: a key is never sent to another origin. */
export const KEY_ORIGINS = SETTINGS.keyOrigins as readonly {
  secret: SecretName
  url(settings: Settings): string | null
}[]

/** Parses settings (of `model`, default this build's); unknown keys are dropped, invalid values reported with their path. */
export function parseSettings(
  input: unknown,
  model: SettingsModel = SETTINGS,
): ReturnType<typeof settingsSchema.safeParse> {
  return model.schema.safeParse(input) as ReturnType<typeof settingsSchema.safeParse>
}

/** The default settings (of `model`, default this build's). */
export function defaultSettings(model: SettingsModel = SETTINGS): Settings {
  return model.schema.parse({}) as Settings
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

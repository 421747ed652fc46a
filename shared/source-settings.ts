/**
 * What a help desk declares about its settings: its settings section (a zod object, every field with a default)
 * and the secrets it keeps, by short name (`apiKey` is stored as `helpcrunch.apiKey`). Each shipped desk declares
 * its own in `shared/sources/<desk>.ts`; `shared/settings.ts` composes them into the one settings schema
 * (`composeSettings`), so the settings file, the settings screen and the protocol know every desk's section.
 */
import type { z } from 'zod'

/** One secret of a help desk. */
export interface SecretSpec<Section> {
  /** One token (an API key, a signing key: no spaces or line breaks); otherwise a list, one per line or comma. */
  single: boolean
  /** The URL of the server this key is sent to: moving it to another origin clears the key (docs/configuration.md). */
  origin?(section: Section): string | null
}

/** A help desk's settings: `id` is its source id, which names its section and prefixes its secrets. */
export interface SourceSettings<
  Id extends string = string,
  Section extends z.ZodObject = z.ZodObject,
  Secret extends string = string,
> {
  readonly id: Id
  /** Its section of the settings, each field with a default (an empty object parses). */
  readonly section: Section
  /** Its secrets by short name; the stored name is `<id>.<name>`. */
  readonly secrets: { readonly [K in Secret]: SecretSpec<z.output<Section>> }
  /** The default first-response target of its chats, in seconds (`alerts.firstResponseSeconds`; a chat desk's is short). */
  readonly firstResponseSeconds?: number
}

/** Declares a help desk's settings, keeping its id, section and secret names exact for the compiler. */
export function sourceSettings<const Id extends string, Section extends z.ZodObject, Secret extends string = never>(
  declared: SourceSettings<Id, Section, Secret>,
): SourceSettings<Id, Section, Secret> {
  return declared
}

/** The stored names of a desk's secrets (`helpcrunch.apiKey`, …). */
export type SecretNameOf<S> = S extends SourceSettings<infer Id, z.ZodObject, infer Secret> ? `${Id}.${Secret}` : never

/** The stored name of one of a desk's secrets. */
export function secretName<const Id extends string, Secret extends string>(
  declared: SourceSettings<Id, z.ZodObject, Secret>,
  secret: Secret,
): `${Id}.${Secret}` {
  return `${declared.id}.${secret}`
}

/**
 * A desk's section of settings that `composeSettings` made with it (a desk outside the shipped list reads its own
 * section this way; the shipped ones are typed in `Settings`).
 */
export function sectionOf<Section extends z.ZodObject>(
  settings: object,
  declared: SourceSettings<string, Section>,
): z.output<Section> {
  return (settings as Record<string, unknown>)[declared.id] as z.output<Section>
}

/** Reads one of a desk's secrets from a secrets port: any desk's, not only those the `SecretName` type lists. */
export function readSecret<const Id extends string, Secret extends string>(
  secrets: { get(name: never): string | null },
  declared: SourceSettings<Id, z.ZodObject, Secret>,
  secret: Secret,
): string | null {
  // The port holds every secret the runtime's settings model declares; the name type lists the shipped ones.
  return secrets.get(secretName(declared, secret) as never)
}

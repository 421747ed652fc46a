/**
 * The source registry: the one place that lists the help desks. Adding one is a new folder under `sources/`
 * exporting a `SourcePlugin` (types.ts), its settings in `shared/sources/<desk>.ts` listed in `SOURCE_SETTINGS`
 * (shared/settings.ts), and one line in `PLUGINS` (docs/architecture.md, "Sources").
 */
import type { ShippedSourceId, SOURCE_SETTINGS } from '../../../shared/settings'
import { deskDirectorSource } from './deskdirector/plugin'
import { helpCrunchSource } from './helpcrunch/plugin'
import type { SourcePlugin } from './types'

/**
 * Every shipped help desk by id, one per entry of `SOURCE_SETTINGS`, each with that entry as its settings: a desk
 * missing here, one here without its settings there, or a plug-in with another desk's settings does not compile.
 */
export type ShippedPlugins = { readonly [Id in ShippedSourceId]: SourcePlugin<(typeof SOURCE_SETTINGS)[Id]> }

/** The shipped plug-ins (`ShippedPlugins`). */
const PLUGINS: ShippedPlugins = {
  helpcrunch: helpCrunchSource,
  deskdirector: deskDirectorSource,
}

/** Every help desk this build ships, in the order the panel, the tray and the checks list them. */
export const SOURCES: readonly SourcePlugin[] = Object.values(PLUGINS)

/** Registers `plugins` (default: every shipped source) with a runtime: adapters, webhook routes, checks. */
export function registerSources(host: { use(plugins: readonly SourcePlugin[]): void }, plugins = SOURCES): void {
  host.use(plugins)
}

/**
 * The source registry: the one place that lists the help desks. Adding one is a new folder under `sources/`
 * exporting a `SourcePlugin` (types.ts) plus one line in `SOURCES` (docs/architecture.md, "Sources").
 */
import { deskDirectorSource } from './deskdirector/plugin'
import { helpCrunchSource } from './helpcrunch/plugin'
import type { SourcePlugin } from './types'

/** Every help desk this build ships, in the order the panel, the tray and the checks list them. */
export const SOURCES: readonly SourcePlugin[] = [helpCrunchSource, deskDirectorSource]

/** Registers `plugins` (default: every shipped source) with a runtime: adapters, webhook routes, checks. */
export function registerSources(host: { use(plugins: readonly SourcePlugin[]): void }, plugins = SOURCES): void {
  host.use(plugins)
}

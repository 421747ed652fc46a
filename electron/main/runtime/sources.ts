/**
 * Registers every help-desk source with the runtime. This is the one place that names the sources:
 * a third help desk is a new folder under `sources/` plus one line here.
 */
import type { Runtime } from './runtime'

/** Creates and registers the adapters (and their webhook routes) of every source. */
export function registerSources(_runtime: Runtime): void {
  // Sources are added by their own modules (HelpCrunch poller, DeskDirector webhooks).
}

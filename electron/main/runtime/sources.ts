/**
 * Registers every help-desk source with the runtime. This is the one place that names the sources:
 * a third help desk is a new folder under `sources/` plus one line here.
 */
import { registerDeskDirector } from '../sources/deskdirector/register'
import { registerHelpCrunchWebhook } from '../sources/helpcrunch/register-webhook'
import type { Runtime } from './runtime'

/** Creates and registers the adapters (and their webhook routes) of every source. */
export function registerSources(runtime: Runtime): void {
  registerDeskDirector(runtime)
  registerHelpCrunchWebhook(runtime)
}

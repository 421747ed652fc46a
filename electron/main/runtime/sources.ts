/**
 * Registers every help-desk source with the runtime. This is the one place that names the sources:
 * a third help desk is a new folder under `sources/` plus one line here.
 */
import { registerDeskDirector } from '../sources/deskdirector/register'
import { HelpCrunchAdapter } from '../sources/helpcrunch/adapter'
import { registerHelpCrunchWebhook } from '../sources/helpcrunch/register-webhook'
import type { Runtime } from './runtime'

/** Creates and registers the adapters (and their webhook routes) of every source. */
export function registerSources(runtime: Runtime): void {
  const { engine, options } = runtime
  const helpCrunchWebhook = registerHelpCrunchWebhook(runtime)
  // Always registered: without an API key it reports `disabled` and a key set later starts it (reconfigure).
  engine.adapters.register(
    new HelpCrunchAdapter({
      context: engine.contextFor('helpcrunch'),
      settings: options.settings,
      secrets: options.secrets,
      fetch: options.fetch ?? globalThis.fetch,
      highWaterMark: runtime.state.helpcrunchHighWaterMark,
      webhookWarnings: () => helpCrunchWebhook.warnings(),
    }),
  )
  registerDeskDirector(runtime)
}

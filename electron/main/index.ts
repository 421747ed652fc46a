/**
 * Composition root of the Electron app: the platform provides settings, secrets, log and fetch; this file
 * builds the runtime from them and registers the sources. No logic lives here.
 */
import { startApp } from './platform/app'
import { createRuntime } from './runtime/runtime'
import { registerSources } from './runtime/sources'

startApp((host) => {
  const runtime = createRuntime({
    settings: host.settings,
    secrets: host.secrets,
    log: host.log,
    version: host.version,
    stateDir: host.userData,
    demo: host.settings.get().app.demo,
    fetch: host.fetch,
  })
  registerSources(runtime)
  return runtime
})

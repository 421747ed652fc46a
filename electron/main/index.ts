/**
 * Composition root of the Electron app: the platform provides settings, secrets, log and fetch; this file
 * says how to build the real runtime and the demo runtime, and hands both to the supervisor that swaps them.
 * No logic lives here.
 */
import { join } from 'node:path'
import { buildDemoRuntime } from './demo/demo-runtime'
import { type HostPorts, startApp } from './platform/app'
import { createRuntime } from './runtime/runtime'
import { type BuiltRuntime, createRuntimeSupervisor } from './runtime/supervisor'
import { registerSources } from './sources/registry'

/** The real runtime: the persisted settings and encrypted secrets, the real state directory. */
function buildRealRuntime(host: HostPorts): BuiltRuntime {
  const runtime = createRuntime({
    settings: host.settings,
    secrets: host.secrets,
    log: host.log,
    version: host.version,
    // Its own folder, so state files never mix with electron-store's and Chromium's files in userData.
    stateDir: join(host.userData, 'state'),
    demo: false,
    fetch: host.fetch,
  })
  registerSources(runtime)
  return { runtime }
}

startApp((host) =>
  createRuntimeSupervisor({
    settings: host.settings,
    log: host.log,
    version: host.version,
    build: async (mode) =>
      mode === 'demo'
        ? buildDemoRuntime({
            // Demo data lives in memory and its own state directory; the real stores are never written.
            base: host.settings.get(),
            log: host.log,
            version: host.version,
            stateDir: join(host.userData, 'demo-state'),
          })
        : buildRealRuntime(host),
  }),
)

/**
 * Composition root of the Electron app: the platform provides settings, secrets, log and fetch; the
 * supervisor builds the real or the demo runtime from them (hosts/compose.ts) and swaps them.
 * No logic lives here.
 */
import { join } from 'node:path'
import { createRuntimeSupervisor } from '../core/runtime/supervisor'
import { buildRuntimeOf, realRuntimeShape } from '../hosts/compose'
import { startApp } from './platform/app'

startApp((host) =>
  createRuntimeSupervisor({
    settings: host.settings,
    log: host.log,
    version: host.version,
    // Saving or clearing the team hub in Settings rebuilds the real runtime: it follows the hub, or the help desks.
    shape: () => realRuntimeShape(host.settings, host.secrets),
    build: (mode) =>
      buildRuntimeOf(mode, {
        settings: host.settings,
        secrets: host.secrets,
        log: host.log,
        version: host.version,
        // Own folders, so state files never mix with electron-store's and Chromium's files in userData,
        // and demo state never with the real one.
        stateDir: join(host.userData, 'state'),
        demoStateDir: join(host.userData, 'demo-state'),
        fetch: host.fetch,
      }),
  }),
)

/**
 * The demo runtime as the app builds it: simulated help desks from `prepareDemo`, settings and secrets in
 * memory only (demo credentials never reach the real stores), its own state directory, the real sources,
 * and the scenario played once the runtime has started. The browser end-to-end test builds it the same way.
 */
import type { Settings } from '../../../shared/settings'
import type { Logger } from '../engine/log'
import type { ListenerLimits } from '../http/server'
import { memorySecrets, memorySettings } from '../runtime/ports'
import { createRuntime } from '../runtime/runtime'
import type { BuiltRuntime } from '../runtime/start'
import { registerSources } from '../sources/registry'
import { type DemoSession, prepareDemo } from './demo-mode'

/** What the demo runtime is built from. */
export interface DemoRuntimeOptions {
  /** The real settings; the demo keeps their preferences (theme, alerts) and replaces the connections. */
  base: Settings
  log: Logger
  version: string
  /** Demo state directory (never the real one); null keeps it in memory. */
  stateDir: string | null
  listenerLimits?: Partial<ListenerLimits>
}

/** Builds the demo runtime (not started); `started` plays the scenario, `dispose` closes the simulated desks. */
export async function buildDemoRuntime(options: DemoRuntimeOptions): Promise<BuiltRuntime & { session: DemoSession }> {
  const session = await prepareDemo(options.base)
  const secrets = memorySecrets()
  session.applySecrets(secrets)
  const runtime = createRuntime({
    settings: memorySettings(session.settings),
    secrets,
    log: options.log,
    version: options.version,
    stateDir: options.stateDir,
    demo: true,
    listenerLimits: options.listenerLimits,
  })
  registerSources(runtime)
  return {
    runtime,
    session,
    started(listen) {
      if (listen) session.play(runtime, listen)
      else options.log.warn('demo scenario not played: the listener did not start')
    },
    dispose: () => session.stop(),
  }
}

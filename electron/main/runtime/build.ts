/**
 * The one way to build a runtime, real or demo, for every host (the Electron app and the headless host):
 * the real one on the host's settings and secrets with every registered source; the demo one on simulated
 * help desks with settings and secrets in memory (demo credentials never reach the real stores).
 */
import { buildDemoRuntime } from '../demo/demo-runtime'
import type { Logger } from '../engine/log'
import type { SecretsPort, SettingsPort } from '../engine/ports'
import { registerSources } from '../sources/registry'
import type { ListenerLimits } from '../webhooks/server'
import { createRuntime, type Runtime } from './runtime'
import type { BuiltRuntime, RuntimeMode } from './supervisor'

/** What a host builds runtimes from. */
export interface RuntimeInputs {
  /** The host's settings: used as they are by the real runtime, as the base (preferences) of the demo one. */
  settings: SettingsPort
  secrets: SecretsPort
  log: Logger
  version: string
  /** Durable state of the real runtime; null = memory only. */
  stateDir: string | null
  /** Durable state of the demo runtime (never the real directory); null = memory only. */
  demoStateDir: string | null
  fetch?: typeof fetch
  listenerLimits?: Partial<ListenerLimits>
  /** How the real runtime gets its sources; default: every help desk in the registry. */
  registerSources?: (runtime: Runtime) => void
}

/** Builds a runtime of `mode` (not started). */
export async function buildRuntimeOf(mode: RuntimeMode, inputs: RuntimeInputs): Promise<BuiltRuntime> {
  if (mode === 'demo') {
    return buildDemoRuntime({
      base: inputs.settings.get(),
      log: inputs.log,
      version: inputs.version,
      stateDir: inputs.demoStateDir,
      listenerLimits: inputs.listenerLimits,
    })
  }
  const runtime = createRuntime({
    settings: inputs.settings,
    secrets: inputs.secrets,
    log: inputs.log,
    version: inputs.version,
    stateDir: inputs.stateDir,
    demo: false,
    fetch: inputs.fetch,
    listenerLimits: inputs.listenerLimits,
  })
  ;(inputs.registerSources ?? registerSources)(runtime)
  return { runtime }
}

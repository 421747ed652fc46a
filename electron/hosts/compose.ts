/**
 * The one way to build a runtime, real or demo, for every host (the Electron app and the headless host):
 * the real one on the host's settings and secrets with every registered source — or, when it follows a team
 * hub, with the hub client in their place and no listener; the demo one on simulated help desks with settings
 * and secrets in memory (demo credentials never reach the real stores).
 */
import { createHash } from 'node:crypto'
import { buildDemoRuntime } from '../core/demo/demo-runtime'
import type { Logger } from '../core/engine/log'
import type { ShareState } from '../core/engine/persistence/state-dir'
import type { SecretsPort, SettingsPort } from '../core/engine/ports'
import type { ListenerLimits } from '../core/http/server'
import { createRuntime, type Runtime } from '../core/runtime/runtime'
import type { BuiltRuntime } from '../core/runtime/start'
import type { RuntimeMode } from '../core/runtime/supervisor'
import { registerSources } from '../core/sources/registry'
import { HUB_CLIENT_TIMINGS, type HubClientConfig, registerHubClient } from '../hub/client/register'

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
  /** The team hub the real runtime follows (null = none); default: `hubClientOf` the settings and secrets. */
  hubClient?: HubClientConfig | null
  /** Hubs on one Redis: the shared stores of the real runtime (none: the state directory's). */
  shareState?: ShareState
  /** How the real runtime gets its sources when it follows no hub; default: every help desk in the registry. */
  registerSources?: (runtime: Runtime) => void
}

/** The hub a desktop follows: setting `hub.url` with the secret `hub.token`, both set; else null (help desks). */
export function hubClientOf(settings: SettingsPort, secrets: SecretsPort): HubClientConfig | null {
  const url = settings.get().hub.url
  const token = secrets.get('hub.token')
  if (!url || !token) return null
  return { url: url.replace(/\/+$/, ''), token, ...HUB_CLIENT_TIMINGS }
}

/**
 * What the real runtime is built from that no live reconfigure changes: the hub it follows, if any. A host
 * rebuilds the real runtime when this changes. The token appears only as a hash (the shape may be kept around).
 */
export function realRuntimeShape(settings: SettingsPort, secrets: SecretsPort): string {
  const hub = hubClientOf(settings, secrets)
  if (!hub) return 'help desks'
  return `hub ${hub.url} ${createHash('sha256').update(hub.token).digest('hex')}`
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
    shareState: inputs.shareState,
  })
  const hub = inputs.hubClient !== undefined ? inputs.hubClient : hubClientOf(inputs.settings, inputs.secrets)
  // A desktop following a team hub polls nothing and opens no listener: the hub does both for the team.
  if (hub) {
    registerHubClient(runtime, hub)
    return { runtime, withoutListener: true }
  }
  ;(inputs.registerSources ?? registerSources)(runtime)
  return { runtime }
}

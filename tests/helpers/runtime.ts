/** A runtime for unit tests: nothing persists, no demo, a silent log, settings and secrets held in memory. */
import { silentLogger } from '../../electron/core/engine/log'
import type { SecretsPort } from '../../electron/core/engine/ports'
import { memorySecrets, memorySettings } from '../../electron/core/runtime/ports'
import { createRuntime, type Runtime, type RuntimeOptions } from '../../electron/core/runtime/runtime'
import { defaultSettings, type SecretName, type Settings } from '../../shared/settings'

/** A built (not started) in-memory runtime, its secrets and a shortcut to its command dispatcher. */
export interface MemoryRuntime {
  runtime: Runtime
  secrets: SecretsPort
  dispatch(
    command: string,
    params: Record<string, unknown>,
  ): ReturnType<Runtime['engine']['dispatcher']['runUntrusted']>
}

/** Builds a runtime over `settings` and `secrets`; `options` overrides anything else (fetch, limits, log). */
export function memoryRuntime(
  settings: Settings = defaultSettings(),
  secretValues: Partial<Record<SecretName, string>> = {},
  options: Partial<RuntimeOptions> = {},
): MemoryRuntime {
  const secrets = memorySecrets(secretValues)
  const runtime = createRuntime({
    settings: memorySettings(settings),
    secrets,
    log: silentLogger,
    version: 'test',
    stateDir: null,
    demo: false,
    ...options,
  })
  return { runtime, secrets, dispatch: (command, params) => runtime.engine.dispatcher.runUntrusted(command, params) }
}

/** A runtime for tests: default settings (tweaked by `edit`) on a free port, memory only, no sources yet. */
import { silentLogger } from '../../electron/main/engine/log'
import { memorySecrets, memorySettings } from '../../electron/main/runtime/ports'
import { createRuntime, type Runtime } from '../../electron/main/runtime/runtime'
import { defaultSettings, type Settings } from '../../shared/settings'

/** Builds (does not start) a runtime; register sources with `registerSources(runtime, …)`. */
export function memoryRuntime(edit: (settings: Settings) => void = () => {}): Runtime {
  const settings = defaultSettings()
  settings.listener.port = 0
  edit(settings)
  return createRuntime({
    settings: memorySettings(settings),
    secrets: memorySecrets(),
    log: silentLogger,
    version: 't',
    stateDir: null,
    demo: false,
  })
}

/** Builds an engine with alerting for tests and benchmarks (fake-timer friendly: time is Date.now()). */

import type { SourceAdapter } from '../../electron/core/engine/adapters'
import { createAlerting } from '../../electron/core/engine/alerts/alerting'
import { nextShiftStart } from '../../electron/core/engine/alerts/schedule'
import { createEngine } from '../../electron/core/engine/engine'
import { type Logger, silentLogger } from '../../electron/core/engine/log'
import type { Alert } from '../../shared/alert'
import { defaultSettings, mergeSettings, parseSettings, type Settings, type SettingsPatch } from '../../shared/settings'

/** Options of `buildAlerting`. */
export interface HarnessOptions {
  settings?: SettingsPatch
  stateDir?: string | null
  adapters?: SourceAdapter[]
  log?: Logger
  /** Report each adapter's status and call `start()` (ends the start-up window if all settled). Default true. */
  start?: boolean
}

/** A running engine with the alert policy and the alerts it emitted. */
export function buildAlerting(options: HarnessOptions = {}) {
  const log = options.log ?? silentLogger
  let settings: Settings = defaultSettings()
  if (options.settings) settings = parseSettings(mergeSettings(settings, options.settings)).data as Settings
  const engine = createEngine({
    log,
    now: () => Date.now(),
    nextShiftStart: (at) => nextShiftStart(settings.alerts.shifts, at),
  })
  for (const adapter of options.adapters ?? []) engine.adapters.register(adapter)
  const alerting = createAlerting(engine, settings, options.stateDir ?? null)
  const alerts: Alert[] = []
  engine.bus.on(['alert'], (event) => alerts.push(event.alert))
  if (options.start !== false) {
    for (const adapter of engine.adapters.all()) engine.contextFor(adapter.identity.id).reportStatus(adapter.status())
    alerting.start()
  }
  return {
    engine,
    state: alerting.state,
    policy: alerting.policy,
    alerts,
    /** Applies a settings patch the way `settings.update` does. */
    update(patch: SettingsPatch) {
      settings = parseSettings(mergeSettings(settings, patch)).data as Settings
      engine.bus.emit({ type: 'settings.changed', settings })
    },
    /** Stops like runtime.stop. */
    stop: () => alerting.stop(),
  }
}

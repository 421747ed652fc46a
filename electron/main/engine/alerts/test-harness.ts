/** Builds an engine + persistence + alert policy for tests and benchmarks (fake-timer friendly: time is Date.now()). */
import type { Alert } from '../../../../shared/alert'
import {
  defaultSettings,
  mergeSettings,
  parseSettings,
  type Settings,
  type SettingsPatch,
} from '../../../../shared/settings'
import type { SourceAdapter } from '../adapters'
import { createEngine } from '../engine'
import { type Logger, silentLogger } from '../log'
import { syncOverlays } from '../persistence/overlay-sync'
import { openState } from '../persistence/state-dir'
import { AlertPolicy } from './policy'
import { nextShiftStart } from './schedule'

/** Options of `buildAlerting`. */
export interface HarnessOptions {
  settings?: SettingsPatch
  stateDir?: string | null
  adapters?: SourceAdapter[]
  log?: Logger
  /** Call `policy.start()` (ends the start-up window when every adapter has settled). Default true. */
  start?: boolean
}

/** A running engine with the alert policy and the alerts it emitted. */
export function buildAlerting(options: HarnessOptions = {}) {
  const log = options.log ?? silentLogger
  let settings: Settings = defaultSettings()
  if (options.settings) settings = parseSettings(mergeSettings(settings, options.settings)).data as Settings
  const now = () => Date.now()
  const engine = createEngine({ log, now, nextShiftStart: (at) => nextShiftStart(settings.alerts.shifts, at) })
  for (const adapter of options.adapters ?? []) engine.adapters.register(adapter)
  const state = openState(options.stateDir ?? null, log, now)
  const stopOverlays = syncOverlays(engine.bus, engine.store, state.overlays, now, 7 * 86_400_000)
  const policy = new AlertPolicy({
    bus: engine.bus,
    store: engine.store,
    adapters: engine.adapters,
    statuses: () => engine.statuses(),
    journal: state.journal,
    dnd: state.dnd,
    settings,
    now,
    log,
  })
  const alerts: Alert[] = []
  engine.bus.on(['alert'], (event) => alerts.push(event.alert))
  if (options.start !== false) {
    for (const adapter of engine.adapters.all()) engine.contextFor(adapter.id).reportStatus(adapter.status())
    policy.start()
  }
  return {
    engine,
    state,
    policy,
    alerts,
    /** Applies a settings patch the way `settings.update` does. */
    update(patch: SettingsPatch) {
      settings = parseSettings(mergeSettings(settings, patch)).data as Settings
      engine.bus.emit({ type: 'settings.changed', settings })
    },
    /** Stops like runtime.stop. */
    stop() {
      policy.stop()
      stopOverlays()
      state.flush()
    },
  }
}

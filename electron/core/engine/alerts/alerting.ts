/**
 * Wires alerting onto an engine: the state directory, the overlay (snooze) sync and the alert policy.
 * The runtime and the tests/benchmarks build it the same way through this one function.
 */
import type { Settings } from '../../../../shared/settings'
import type { Engine } from '../engine'
import { syncOverlays } from '../persistence/overlay-sync'
import { openState, type StateStores } from '../persistence/state-dir'
import { AlertPolicy } from './policy'

/** Saved overlays (snoozes, read marks) of chats not seen again are forgotten after this long. */
const OVERLAY_RETENTION_MS = 7 * 86_400_000

/** Alerting attached to an engine. */
export interface Alerting {
  policy: AlertPolicy
  state: StateStores
  /** Call once the sources are started (opens the way for the start-up summary). */
  start(): void
  /** Stops timers and writes everything out. */
  stop(): void
}

/** Opens the state directory (null = memory only) and attaches the policy to `engine`'s bus. */
export function createAlerting(
  engine: Engine,
  settings: Settings,
  stateDir: string | null,
  options: { afterAnswer?: boolean } = {},
): Alerting {
  const state = openState(stateDir, engine.log, engine.now)
  // What the state directory could not save or read back is told on every source's status and in /health.
  const showStateHealth = () => {
    engine.notes.set(null, 'state-unsaved', state.health.unsavedNotice())
    engine.notes.set(null, 'state-damaged', state.health.damagedNotice())
  }
  const stopStateHealth = state.health.onChange(showStateHealth)
  showStateHealth()
  engine.health.set('state', () => state.health.counters())
  const stopOverlaySync = syncOverlays(engine.bus, engine.store, state.overlays, engine.now, OVERLAY_RETENTION_MS)
  const policy = new AlertPolicy({
    bus: engine.bus,
    store: engine.store,
    adapters: engine.adapters,
    statuses: () => engine.statuses(),
    journal: state.journal,
    dnd: state.dnd,
    settings,
    now: engine.now,
    monotonic: engine.monotonic,
    log: engine.log,
    afterAnswer: options.afterAnswer,
    team: engine.team,
  })
  return {
    policy,
    state,
    start: () => policy.start(),
    stop() {
      policy.stop()
      stopOverlaySync()
      state.flush()
      stopStateHealth()
    },
  }
}

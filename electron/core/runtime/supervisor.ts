/**
 * Keeps exactly one runtime live — the real one or the demo one — and swaps them when `app.demo` flips, and
 * rebuilds the real one when what it is built from changes (following a team hub or not: `shape`).
 * A host talks to the supervisor, never to a runtime it kept, so commands, events, the tray and toasts
 * follow the swap. Demo settings and secrets live in the demo runtime's own memory ports; the only thing
 * the supervisor writes to the real settings is the `app.demo` switch itself.
 */
import type { CommandName, CommandOutcome, CommandParams } from '../../../shared/protocol'
import type { DispatchOutcome } from '../engine/dispatcher'
import { EventBus, type EventListener } from '../engine/event-bus'
import type { Logger } from '../engine/log'
import type { SettingsPort } from '../engine/ports'
import type { Runtime } from './runtime'
import { type BuiltRuntime, startRuntime } from './start'
import { type WakeReason, type WakeReport, wakeRuntime } from './wake'

/** Which runtime is live. */
export type RuntimeMode = 'real' | 'demo'

/** What the supervisor needs from the host. */
export interface SupervisorOptions {
  /** The real, persisted settings: `app.demo` picks the first mode and records every switch. */
  settings: SettingsPort
  /** Builds a runtime of `mode` (not started). */
  build(mode: RuntimeMode): Promise<BuiltRuntime>
  log: Logger
  version: string
  /**
   * What the real runtime is built from that a live reconfigure cannot change; when it differs after a
   * `settings.update` or `secrets.set`, the real runtime is rebuilt. Default: never rebuilt.
   */
  shape?(): string
}

/** The live runtime behind a stable face. */
export interface RuntimeSupervisor {
  /** The live runtime (changes on a swap; never keep it). */
  current(): Runtime
  mode(): RuntimeMode
  /** Starts the live runtime. A failed start is logged; the runtime stays live (its sources report why). */
  start(): Promise<void>
  /** Runs a command named at compile time on the live runtime, after any swap in progress. */
  run<K extends CommandName>(name: K, params: CommandParams<K>): Promise<CommandOutcome<K>>
  /** The same for a command from an untrusted edge (the panel's IPC): name and params are checked at run time. */
  runUntrusted(name: unknown, params: unknown): Promise<DispatchOutcome>
  /** Events of whichever runtime is live, plus `ready` after each start (reload everything). */
  subscribe(listener: EventListener): () => void
  /** Switches demo on or off (no-op when already there). */
  setDemo(on: boolean): Promise<void>
  /** Heals the live runtime after sleep, an unlock or a network change (wake.ts). */
  wake(reason: WakeReason): Promise<WakeReport | null>
  /** Stops the live runtime; safe to call twice. */
  stop(): Promise<void>
}

/** Builds the first runtime (demo when the real settings say so) and returns the supervisor. */
export async function createRuntimeSupervisor(options: SupervisorOptions): Promise<RuntimeSupervisor> {
  const { settings, log } = options
  // The host's listeners outlive every runtime: they follow whichever is live.
  const bus = new EventBus((error, event) => log.error('supervisor listener failed', { type: event.type, error }))
  let mode: RuntimeMode = settings.get().app.demo ? 'demo' : 'real'
  let builtShape = ''
  let live = await buildOrFallBack(mode)
  let detach = attach(live)
  // Swaps and stop run one at a time, in order; commands wait behind them.
  let queue: Promise<void> = Promise.resolve()
  let stopped = false

  function buildReal(): Promise<BuiltRuntime> {
    builtShape = options.shape?.() ?? ''
    return options.build('real')
  }

  async function buildOrFallBack(wanted: RuntimeMode): Promise<BuiltRuntime> {
    if (wanted === 'real') return buildReal()
    try {
      return await options.build('demo')
    } catch (error) {
      log.error('demo mode could not start; using the real sources', { error })
      mode = 'real'
      persistDemo(false)
      return buildReal()
    }
  }

  function persistDemo(on: boolean): void {
    if (settings.get().app.demo !== on) settings.update({ app: { demo: on } })
  }

  function attach(built: BuiltRuntime): () => void {
    return built.runtime.engine.bus.subscribe((event) => {
      bus.emit(event)
      // Whoever flipped the switch (onboarding, settings, "Leave demo"), the live runtime announces it.
      if (event.type === 'settings.changed' && event.settings.app.demo !== (mode === 'demo'))
        void setDemo(event.settings.app.demo)
    })
  }

  async function startLive(): Promise<void> {
    await startRuntime(live, {
      version: options.version,
      demo: mode === 'demo',
      announce: (ready) => bus.emit(ready),
      onStartFailed: (error) => log.error('runtime failed to start', { mode, error }),
    })
  }

  async function stopLive(): Promise<void> {
    detach()
    await live.runtime.stop().catch((error) => log.error('runtime failed to stop', { mode, error }))
    await live.dispose?.().catch((error) => log.error('runtime cleanup failed', { mode, error }))
  }

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(task)
    queue = run.catch((error) => log.error('runtime swap failed', { error }))
    return run
  }

  async function replace(wanted: RuntimeMode): Promise<void> {
    await stopLive()
    mode = wanted
    live = await buildOrFallBack(wanted)
    detach = attach(live)
    await startLive()
  }

  function setDemo(on: boolean): Promise<void> {
    return enqueue(async () => {
      const wanted: RuntimeMode = on ? 'demo' : 'real'
      if (stopped || wanted === mode) return
      log.info(on ? 'switching to demo data' : 'leaving demo data')
      persistDemo(on)
      await replace(wanted)
    })
  }

  // After the command that changed it, so its answer (and `settings.changed`) come from the runtime it ran on.
  const followShape = async (name: unknown): Promise<void> => {
    if (!options.shape || (name !== 'settings.update' && name !== 'secrets.set')) return
    await enqueue(async () => {
      if (stopped || mode !== 'real' || options.shape?.() === builtShape) return
      log.info('rebuilding the real runtime: the team hub it follows changed')
      await replace('real')
    })
  }

  return {
    current: () => live.runtime,
    mode: () => mode,
    start: () => enqueue(startLive),
    async run(name, params) {
      await queue
      const outcome = await live.runtime.engine.dispatcher.run(name, params)
      await followShape(name)
      return outcome
    },
    async runUntrusted(name, params) {
      await queue
      const outcome = await live.runtime.engine.dispatcher.runUntrusted(name, params)
      await followShape(name)
      return outcome
    },
    subscribe: (listener) => bus.subscribe(listener),
    setDemo,
    async wake(reason) {
      await queue
      if (stopped) return null
      return wakeRuntime(live.runtime, reason, !live.withoutListener, log)
    },
    stop() {
      return enqueue(async () => {
        if (stopped) return
        stopped = true
        await stopLive()
      })
    },
  }
}

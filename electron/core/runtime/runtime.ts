/**
 * The runtime, assembled: the engine plus everything around it that is not Electron — alerting and its
 * durable state, the listener (the HTTP server), the sources (`use`), kept chats — and its start/stop lifecycle.
 * The command handlers live in `commands.ts`; hosts build one with `hosts/compose.ts` (real or demo) and start it
 * with `startRuntime` (`start.ts`).
 */
import { isLoopbackHost } from '../../../shared/loopback'
import { type CheckResult, CommandFailure, type SourceInfo, type SourceStatus } from '../../../shared/protocol'
import { SETTINGS, type SettingsModel } from '../../../shared/settings'
import { createAlerting } from '../engine/alerts/alerting'
import type { AlertPolicy } from '../engine/alerts/policy'
import { inShift, nextShiftStart } from '../engine/alerts/schedule'
import { createEngine, type Engine } from '../engine/engine'
import type { Logger } from '../engine/log'
import type { StateStores } from '../engine/persistence/state-dir'
import type { SecretsPort, SettingsPort } from '../engine/ports'
import { createHttpServer, type HttpServer, type ListenerLimits } from '../http/server'
import type { SourcePlugin } from '../sources/types'
import { registerRuntimeCommands } from './commands'
import { allPassed } from './diagnostics/check'
import { runChecks } from './diagnostics/run-checks'
import { syncKeptChats } from './kept-chats-sync'
import { watchingDates } from './sender-clock'

/** Everything a host gives the runtime. */
export interface RuntimeOptions {
  settings: SettingsPort
  secrets: SecretsPort
  /**
   * The sections and secrets `settings` and `secrets` hold (default: this build's, `SETTINGS`): every plug-in's
   * must be in it. A runtime with a help desk beyond the shipped ones is given `composeSettings` with it.
   */
  settingsModel?: SettingsModel
  log: Logger
  version: string
  now?: () => number
  /** Directory for durable state; null = nothing persists (tests). */
  stateDir: string | null
  demo: boolean
  /** Overrides of the listener's size and time limits (tests use short timeouts). */
  listenerLimits?: Partial<ListenerLimits>
  /** HTTP client for source APIs: Electron's `net.fetch` in the app (proxies); default `globalThis.fetch`. */
  fetch?: typeof fetch
}

/** A built, not yet started runtime. */
export interface Runtime {
  engine: Engine
  listener: HttpServer
  options: RuntimeOptions
  /** The alert policy (feed, DND). */
  alerts: AlertPolicy
  /** Durable state (journal, overlays, DND, kept chats, dead letters, each source's own via `state.forSource`). */
  state: StateStores
  /**
   * Keeps the open chats of a webhook-only source in the state directory (it never re-sends them) and
   * restores them at start, before the listener accepts deliveries. Call while registering sources.
   */
  keepChats(source: string): void
  /**
   * Registers source plug-ins: each one's `register` wires its routes and kept chats and returns its adapter,
   * which the runtime adds to the engine. `registerSources` passes the registry's.
   */
  use(plugins: readonly SourcePlugin[]): void
  /** The registered sources as the protocol names them (`ready.sources` ids, labels, capabilities). */
  sources(): SourceInfo[]
  /** Runs every setup check against the listener at `listen` (the runtime need not be started). */
  checks(listen: string): Promise<CheckResult[]>
  /** Binds the listener and starts every source. Resolves with the listener URL. */
  start(): Promise<{ listen: string }>
  /** Starts every source without binding the listener (a desktop following a team hub). */
  startWithoutListener(): Promise<void>
  /** Stops sources and the listener; safe to call twice. */
  stop(): Promise<void>
}

/** Closed chats stay in the panel's data this long, then leave memory (the store keeps a tombstone). */
export const CLOSED_CHAT_RETENTION_MS = 60 * 60_000
const PRUNE_EVERY_MS = 10 * 60_000

/** Builds the runtime: engine, listener and the host-independent commands; sources come with `use`. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { log, settings, secrets } = options
  const engine = createEngine({
    log,
    now: options.now,
    nextShiftStart: (at) => nextShiftStart(settings.get().alerts.shifts, at),
    demo: options.demo,
  })
  const { dispatcher } = engine
  // Alerts are decided after a delivery is answered; the store change and its durable copy come before.
  const alerting = createAlerting(engine, settings.get(), options.stateDir, { afterAnswer: true })
  const { policy: alerts, state } = alerting
  // The team layer reports these to a hub (docs/team.md): do-not-disturb in force, and on shift by this schedule.
  engine.team.dndUntil = () => alerts.dndUntil()
  engine.team.onShift = () => {
    const { shifts } = settings.get().alerts
    return shifts.length === 0 ? null : inShift(shifts, engine.now())
  }
  const listenerSettings = settings.get().listener
  const listener = createHttpServer({
    host: listenerSettings.host,
    port: listenerSettings.port,
    log,
    limits: options.listenerLimits,
    publicHosts: () => settings.get().listener.publicHosts,
    health: () => {
      // Secrets can change without an event; refresh each adapter's status so /health is current.
      for (const adapter of engine.adapters.all()) engine.contextFor(adapter.identity.id).reportStatus(adapter.status())
      const sections = Object.fromEntries([...engine.health].map(([name, read]) => [name, read()]))
      return { ok: true, sources: engine.statuses().map(publicStatus), ...sections }
    },
  })

  let listening: string | null = null
  const settingsModel: SettingsModel = options.settingsModel ?? SETTINGS
  registerRuntimeCommands({ engine, alerts, settings, secrets, settingsModel, log, listen: () => listening })
  const kept = syncKeptChats(engine, state)
  const plugins: SourcePlugin[] = []

  let stopped = false
  let pruner: NodeJS.Timeout | null = null
  const startSources = async () => {
    pruner = setInterval(() => engine.store.pruneClosed(engine.now() - CLOSED_CHAT_RETENTION_MS), PRUNE_EVERY_MS)
    pruner.unref()
    for (const adapter of engine.adapters.all()) await adapter.start()
    // Next turn: hosts announce `ready` when start() resolves, and it must precede a start-up summary.
    setImmediate(() => {
      if (!stopped) alerting.start()
    })
  }
  const runtime: Runtime = {
    engine,
    listener,
    options,
    alerts,
    state,
    keepChats: kept.add,
    use(added) {
      for (const plugin of added) {
        const { id } = plugin.identity
        // A section the settings do not hold would be dropped on every update, silently: refuse the plug-in.
        if (plugin.settings.id !== id || settingsModel.sources[id] !== plugin.settings)
          throw new Error(`plug-in "${id}": its settings are not in this runtime's settings model (composeSettings)`)
        // Each source's API answers carry its help desk's clock: watched, per source.
        const context = engine.contextFor(id)
        const current: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init)
        const fetchImpl = watchingDates(current, (date) => context.observeClock(date))
        const adapter = plugin.register({ ...runtime, options: { ...runtime.options, fetch: fetchImpl } })
        // One identity per desk: the adapter a plug-in returns is that plug-in's, by the very same object.
        if (adapter.identity !== plugin.identity)
          throw new Error(`plug-in "${id}" returned an adapter with another identity`)
        engine.adapters.register(adapter)
        plugins.push(plugin)
      }
    },
    sources: () => plugins.map(({ identity: { id, label, capabilities } }) => ({ id, label, capabilities })),
    checks: (listen) =>
      runChecks({
        listen,
        settings: settings.get(),
        secrets,
        fetch: options.fetch ?? globalThis.fetch,
        store: engine.store,
        plugins,
      }),
    async start() {
      if (!listenerSettings.allowRemote && !isLoopbackHost(listenerSettings.host)) {
        throw new Error(
          `listener.host "${listenerSettings.host}" is reachable from other machines; ` +
            'set listener.allowRemote to true (headless: --allow-remote) to bind it',
        )
      }
      kept.restore()
      const { url } = await listener.start()
      listening = url
      await startSources()
      return { listen: url }
    },
    async startWithoutListener() {
      kept.restore()
      await startSources()
    },
    async stop() {
      if (stopped) return
      stopped = true
      if (pruner) clearInterval(pruner)
      for (const adapter of engine.adapters.all())
        await adapter.stop().catch((error) => log.error('stop failed', { source: adapter.identity.id, error }))
      await listener.stop()
      alerting.stop()
    },
  }
  dispatcher.register('setup.check', async () => {
    if (!listening) throw new CommandFailure('unsupported', 'setup.check needs a started runtime')
    const checks = await runtime.checks(listening)
    return { ok: allPassed(checks), checks }
  })
  return runtime
}

/** A status as `/health` shows it (already secret-free; this keeps the shape explicit). */
function publicStatus(status: SourceStatus) {
  return {
    source: status.source,
    state: status.state,
    message: status.message,
    warnings: status.warnings,
    ...(status.notices ? { notices: status.notices } : {}),
  }
}

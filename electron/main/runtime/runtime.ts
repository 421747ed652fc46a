/**
 * The runtime: the engine plus everything around it that is not Electron — the webhook listener, the
 * sources, settings and secrets commands. Both hosts (the Electron app and the headless host) build one.
 */
import { isLoopbackHost } from '../../../shared/loopback'
import { CommandFailure, type SourceStatus } from '../../../shared/protocol'
import { SECRET_NAMES, type SettingsPatch } from '../../../shared/settings'
import { createAlerting } from '../engine/alerts/alerting'
import type { AlertPolicy } from '../engine/alerts/policy'
import { nextShiftStart } from '../engine/alerts/schedule'
import { createEngine, type Engine } from '../engine/engine'
import type { Logger } from '../engine/log'
import type { StateStores } from '../engine/persistence/state-dir'
import { createWebhookListener, type ListenerLimits, type WebhookListener } from '../webhooks/server'
import { allPassed } from './diagnostics/check'
import { runChecks } from './diagnostics/run-checks'
import type { SecretsPort, SettingsPort } from './ports'
import { assertUsableSecret, clearKeysOnOriginChange } from './settings-rules'

/** Everything a host gives the runtime. */
export interface RuntimeOptions {
  settings: SettingsPort
  secrets: SecretsPort
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
  listener: WebhookListener
  options: RuntimeOptions
  /** The alert policy (feed, DND). */
  alerts: AlertPolicy
  /** Durable state (journal, overlays, DND, the HelpCrunch high-water mark via `state.helpcrunchHighWaterMark`). */
  state: StateStores
  /**
   * Keeps the open chats of a webhook-only source in the state directory (it never re-sends them) and
   * restores them at start, before the listener accepts deliveries. Call while registering sources.
   */
  keepChats(source: string): void
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

/** Builds the runtime: engine, listener and the host-independent commands. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { log, settings, secrets } = options
  const engine = createEngine({
    log,
    now: options.now,
    nextShiftStart: (at) => nextShiftStart(settings.get().alerts.shifts, at),
    demo: options.demo,
  })
  const { dispatcher, bus } = engine
  // Alerts are decided after a delivery is answered; the store change and its durable copy come before.
  const alerting = createAlerting(engine, settings.get(), options.stateDir, { afterAnswer: true })
  const { policy: alerts, state } = alerting
  const listenerSettings = settings.get().listener
  const listener = createWebhookListener({
    host: listenerSettings.host,
    port: listenerSettings.port,
    log,
    limits: options.listenerLimits,
    publicHosts: () => settings.get().listener.publicHosts,
    health: () => {
      // Secrets can change without an event; refresh each adapter's status so /health is current.
      for (const adapter of engine.adapters.all()) engine.contextFor(adapter.id).reportStatus(adapter.status())
      return { ok: true, sources: engine.statuses().map(publicStatus) }
    },
  })

  dispatcher.register('snapshot.get', () => ({
    chats: engine.store.all(),
    sources: engine.statuses(),
    settings: settings.get(),
    alerts: alerts.list().alerts,
    dndUntil: alerts.dndUntil(),
    now: engine.now(),
  }))
  dispatcher.register('settings.get', () => ({ settings: settings.get() }))
  dispatcher.register('settings.update', ({ patch }) => {
    const before = settings.get()
    const next = settings.update(patch as SettingsPatch)
    const clearedSecrets = clearKeysOnOriginChange(before, next, secrets)
    if (clearedSecrets.length > 0) log.warn('API origin changed: the stored key was cleared', { clearedSecrets })
    bus.emit({ type: 'settings.changed', settings: next })
    reconfigureSources()
    return clearedSecrets.length > 0 ? { settings: next, clearedSecrets } : { settings: next }
  })
  dispatcher.register('secrets.set', ({ name, value }) => {
    assertUsableSecret(name, value)
    secrets.set(name, value)
    reconfigureSources()
    return { name, configured: secrets.get(name) !== null }
  })
  dispatcher.register('secrets.status', () => ({
    configured: Object.fromEntries(SECRET_NAMES.map((name) => [name, secrets.get(name) !== null])) as Record<
      (typeof SECRET_NAMES)[number],
      boolean
    >,
  }))
  dispatcher.register('connection.test', async ({ source }) => {
    const adapter = engine.adapters.get(source)
    if (!adapter) throw new CommandFailure('not_found', `no source "${source}"`)
    if (!adapter.testConnection) return { ok: true, message: `${adapter.label} has nothing to test` }
    return adapter.testConnection()
  })
  dispatcher.register('agents.list', async ({ source }) => {
    const adapter = engine.adapters.get(source)
    if (!adapter?.listAgents) throw new CommandFailure('unsupported', `${source} cannot list agents here`)
    return { agents: await adapter.listAgents() }
  })

  dispatcher.register('dnd.set', ({ until }) => {
    if (until !== null && until <= engine.now())
      throw new CommandFailure('invalid_params', 'dnd.set: "until" must be in the future or null')
    return alerts.setDnd(until)
  })
  dispatcher.register('alerts.list', () => alerts.list())
  dispatcher.register('alerts.seen', ({ ids }) => ({ unseen: alerts.seen(ids) }))
  dispatcher.register('host.stats', () => {
    // With --expose-gc the heap is measured after a full collection, so leak checks compare live data only.
    ;(globalThis as { gc?: () => void }).gc?.()
    const memory = process.memoryUsage()
    return {
      heapUsed: memory.heapUsed,
      rss: memory.rss,
      chats: engine.store.size,
      uptimeMs: Math.round(process.uptime() * 1000),
    }
  })
  // Desktop-only commands: the Electron shell answers them before they reach here; other hosts cannot.
  for (const name of ['panel.pin', 'shortcut.status'] as const)
    dispatcher.register(name, () => {
      throw new CommandFailure('unsupported', `${name} needs the desktop app`)
    })
  // A new key, interval or budget takes effect without a restart.
  const reconfigureSources = () => {
    for (const adapter of engine.adapters.all()) adapter.reconfigure?.()
  }

  // Chats of webhook-only sources: every source version is kept before its delivery is answered.
  const keptSources = new Set<string>()
  bus.on(['chat.added', 'chat.changed', 'chat.removed'], (event) => {
    if (event.type === 'chat.removed') {
      // A chat pruned from memory stays kept (closed ones for a day), so a stale copy cannot revive it after a restart.
      if (event.reason !== 'pruned' && keptSources.has(event.previous.source)) state.keptChats.drop(event.key)
      return
    }
    if (!keptSources.has(event.chat.source)) return
    const version = engine.store.sourceVersion(event.chat.key)
    if (version) state.keptChats.note(version)
  })

  let stopped = false
  let listening: string | null = null
  let pruner: NodeJS.Timeout | null = null
  const restoreKept = () => {
    for (const source of keptSources) {
      const chats = state.keptChats.of(source)
      if (chats.length > 0) engine.contextFor(source).ingest(chats)
    }
  }
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
    keepChats(source) {
      keptSources.add(source)
    },
    async start() {
      if (!listenerSettings.allowRemote && !isLoopbackHost(listenerSettings.host)) {
        throw new Error(
          `listener.host "${listenerSettings.host}" is reachable from other machines; ` +
            'set listener.allowRemote to true (headless: --allow-remote) to bind it',
        )
      }
      restoreKept()
      const { url } = await listener.start()
      listening = url
      await startSources()
      return { listen: url }
    },
    async startWithoutListener() {
      restoreKept()
      await startSources()
    },
    async stop() {
      if (stopped) return
      stopped = true
      if (pruner) clearInterval(pruner)
      for (const adapter of engine.adapters.all())
        await adapter.stop().catch((error) => log.error('stop failed', { source: adapter.id, error }))
      await listener.stop()
      alerting.stop()
    },
  }
  dispatcher.register('setup.check', async () => {
    if (!listening) throw new CommandFailure('unsupported', 'setup.check needs a started runtime')
    const checks = await runChecks(runtime, listening)
    return { ok: allPassed(checks), checks }
  })
  return runtime
}

/** A status as `/health` shows it (already secret-free; this keeps the shape explicit). */
function publicStatus(status: SourceStatus) {
  return { source: status.source, state: status.state, message: status.message, warnings: status.warnings }
}

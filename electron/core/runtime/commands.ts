/**
 * The runtime's host-independent command handlers: snapshot, settings and secrets, connection tests and
 * agent lists (routed to the source's adapter), do-not-disturb and the alert feed, process stats. Chat
 * commands are the engine's own (`engine/chat-commands.ts`); the desktop answers its two before these.
 */
import { NO_POLICY } from '../../../shared/policy'
import { CommandFailure } from '../../../shared/protocol'
import type { SecretName, SettingsModel, SettingsPatch } from '../../../shared/settings'
import type { AlertPolicy } from '../engine/alerts/policy'
import type { Engine } from '../engine/engine'
import type { Logger } from '../engine/log'
import type { SecretsPort, SettingsPort } from '../engine/ports'
import { assertUnlocked } from './policy-settings'
import { assertUsableSecret, clearKeysOnOriginChange } from './settings-rules'

/** What the handlers work on. */
export interface RuntimeCommandDeps {
  engine: Engine
  alerts: AlertPolicy
  settings: SettingsPort
  secrets: SecretsPort
  /** The secrets this runtime keeps (every plug-in's and the hub token) and their rules. */
  settingsModel: SettingsModel
  log: Logger
  /** The listener's bound address once started (the panel shows the URLs to register with the real port). */
  listen?: () => string | null
}

/** Registers every runtime command except `setup.check` (it needs the started listener: runtime.ts). */
export function registerRuntimeCommands(deps: RuntimeCommandDeps): void {
  const { engine, alerts, settings, secrets, settingsModel, log } = deps
  const { dispatcher, bus } = engine
  // A new key, interval or budget takes effect without a restart.
  const reconfigureSources = () => {
    for (const adapter of engine.adapters.all()) adapter.reconfigure?.()
  }

  dispatcher.register('snapshot.get', () => ({
    chats: engine.store.all(),
    sources: engine.statuses(),
    settings: settings.get(),
    alerts: alerts.list().alerts,
    dndUntil: alerts.dndUntil(),
    now: engine.now(),
    listen: deps.listen?.() ?? null,
    policy: settings.policy?.() ?? NO_POLICY,
    // Following a team hub: who this desktop is on the team, and the team's presence (docs/team.md).
    ...(engine.team.agent === null ? {} : { team: { agent: engine.team.agent, presence: engine.team.presence } }),
  }))
  dispatcher.register('settings.get', () => ({ settings: settings.get(), policy: settings.policy?.() ?? NO_POLICY }))
  dispatcher.register('settings.update', ({ patch }) => {
    const before = settings.get()
    assertUnlocked(before, patch as SettingsPatch, settings.policy?.())
    const meBefore = new Map(engine.adapters.all().map((adapter) => [adapter.identity.id, adapter.me?.()]))
    const next = settings.update(patch as SettingsPatch)
    const clearedSecrets = clearKeysOnOriginChange(before, next, secrets, settingsModel)
    if (clearedSecrets.length > 0) log.warn('API origin changed: the stored key was cleared', { clearedSecrets })
    bus.emit({ type: 'settings.changed', settings: next })
    reconfigureSources()
    // A status names the source's "me": republish the statuses of the sources whose "me" changed.
    for (const adapter of engine.adapters.all())
      if (adapter.me && adapter.me() !== meBefore.get(adapter.identity.id))
        engine.contextFor(adapter.identity.id).reportStatus(adapter.status())
    return clearedSecrets.length > 0 ? { settings: next, clearedSecrets } : { settings: next }
  })
  // The names are the settings model's: the shipped desks', any other registered plug-in's, and the hub token.
  const known = new Set<string>(settingsModel.secretNames)
  dispatcher.register('secrets.set', ({ name: given, value }) => {
    if (!known.has(given))
      throw new CommandFailure(
        'invalid_params',
        `secrets.set: "name": no secret "${given}" here (${[...known].join(', ')})`,
      )
    const name = given as SecretName
    assertUsableSecret(name, value, settingsModel)
    secrets.set(name, value)
    reconfigureSources()
    return { name, configured: secrets.get(name) !== null }
  })
  dispatcher.register('secrets.status', () => ({
    configured: Object.fromEntries(
      [...known].map((name) => [name, secrets.get(name as SecretName) !== null]),
    ) as Record<SecretName, boolean>,
  }))
  dispatcher.register('connection.test', async ({ source }) => {
    const adapter = engine.adapters.get(source)
    if (!adapter) throw new CommandFailure('not_found', `no source "${source}"`)
    if (!adapter.testConnection) return { ok: true, message: `${adapter.identity.label} has nothing to test` }
    return adapter.testConnection()
  })
  dispatcher.register('agents.list', async ({ source }) => {
    const adapter = source === undefined ? engine.adapters.all().find((a) => a.listAgents) : engine.adapters.get(source)
    if (!adapter?.listAgents)
      throw new CommandFailure('unsupported', `${source ?? 'no source'} cannot list agents here`)
    return { agents: await adapter.listAgents() }
  })

  dispatcher.register('dnd.set', ({ until }) => {
    if (until !== null && until <= engine.now())
      throw new CommandFailure('invalid_params', 'dnd.set: "until" must be in the future or null')
    const result = alerts.setDnd(until)
    engine.team.noteDndChanged()
    return result
  })
  dispatcher.register('activity.set', ({ activity }) => {
    engine.team.setActivity(activity)
    return { activity }
  })
  // The team hub replaces this (docs/team.md); any other host has no team to report to.
  dispatcher.register('presence.report', () => {
    throw new CommandFailure('unsupported', 'presence.report is for the team hub: this host is not one')
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
  for (const name of [
    'panel.pin',
    'shortcut.status',
    'desktop.status',
    'update.check',
    'update.install',
    'notifications.test',
  ] as const)
    dispatcher.register(name, () => {
      throw new CommandFailure('unsupported', `${name} needs the desktop app`)
    })
}

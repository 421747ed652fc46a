/**
 * The source plug-in contract. A help desk is one folder under `sources/` exporting a `SourcePlugin`, its
 * settings declaration (`shared/sources/<desk>.ts`, listed in `SOURCE_SETTINGS`) and one line in `registry.ts`.
 * A plug-in reaches the rest of the app only through the `SourceHost` it is given (and the engine's adapter
 * contract): never the runtime, the platform or another source. See docs/architecture.md, "Sources".
 */
import type { SourceId } from '../../../shared/chat'
import type { CheckResult } from '../../../shared/protocol'
import type { Settings } from '../../../shared/settings'
import type { SourceSettings } from '../../../shared/source-settings'
import type { SourceAdapter, SourceIdentity } from '../engine/adapters'
import type { Engine } from '../engine/engine'
import type { StateStores } from '../engine/persistence/state-dir'
import type { SecretsPort, SettingsPort } from '../engine/ports'
import type { HttpServer } from '../http/server'

/** The narrow host a source is registered into (the runtime is one; tests build smaller ones). */
export interface SourceHost {
  /** Settings and secrets (read per use: they change without a restart); `fetch` for the source's API. */
  options: { settings: SettingsPort; secrets: SecretsPort; fetch?: typeof fetch }
  /**
   * Engine access: an adapter context per source id, the adapter registry, events, the clock, the log. A plug-in
   * returns its adapter from `register` (the runtime adds it); the hub client adds a proxy per source the hub names.
   */
  engine: Pick<Engine, 'contextFor' | 'adapters' | 'bus' | 'now' | 'log' | 'team'>
  /** The local webhook listener: a source adds its `POST` route. */
  listener: Pick<HttpServer, 'route'>
  /** Durable state of the run (kept chats, high-water marks, dead letters). */
  state: StateStores
  /** Keeps this source's open chats across restarts (webhook-only sources never re-send them). */
  keepChats(source: SourceId): void
}

/** What a source's setup checks may read. `listen` is null when the listener is not reachable. */
export interface SourceCheckInputs {
  listen: string | null
  settings: Settings
  secrets: Pick<SecretsPort, 'get'>
  fetch: typeof fetch
  /** The store, for a self-test delivery: read it back, then remove it. */
  store: { get(key: string): unknown; remove(key: string, reason: 'deleted'): void }
}

/** One help desk as the app sees it: identity, settings, how it is wired and checked. */
export interface SourcePlugin<S extends SourceSettings = SourceSettings> {
  /** Who it is (id, the label users see, capabilities, setup): its `identity.ts`, the object its adapter holds too. */
  readonly identity: SourceIdentity
  /**
   * Its settings section and secret names (`shared/sources/<desk>.ts` for a shipped desk), under its id; the
   * settings model the runtime runs on must hold them (`composeSettings` in shared/settings.ts).
   */
  readonly settings: S
  /** Wires its webhook routes and kept chats into `host` and returns its adapter (the runtime registers it). */
  register(host: SourceHost): SourceAdapter
  /** True when the user configured this source (a key, a secret, unsigned deliveries allowed). */
  configured(settings: Settings, secrets: Pick<SecretsPort, 'get'>): boolean
  /** How to configure it, for the "no help desk is configured" check. */
  readonly setupHint: string
  /** True when the browser may open `url` (https, no credentials, already checked) as a link of this desk. */
  opensLink(url: URL, settings: Settings): boolean
  /** This source's lines of "Check my setup" (headless `--check`). */
  checks?(inputs: SourceCheckInputs): Promise<CheckResult[]>
}

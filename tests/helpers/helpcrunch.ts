/** A HelpCrunch adapter wired to a real engine and the in-process fake server (poller and adapter tests). */

import type { FakeQuirks } from '../../electron/core/demo/fake-helpcrunch/quirks'
import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import { createEngine, type Engine } from '../../electron/core/engine/engine'
import { silentLogger } from '../../electron/core/engine/log'
import type { SettingsPort } from '../../electron/core/engine/ports'
import { memorySecrets, memorySettings } from '../../electron/core/runtime/ports'
import type { Runtime } from '../../electron/core/runtime/runtime'
import { HelpCrunchAdapter, type HelpCrunchAdapterOptions } from '../../electron/core/sources/helpcrunch/adapter'
import { registerSources } from '../../electron/core/sources/registry'
import type { Alert } from '../../shared/alert'
import type { Chat } from '../../shared/chat'
import type { ProtocolEvent } from '../../shared/protocol'
import { defaultSettings } from '../../shared/settings'
import { memoryRuntime } from './runtime'
import { type Answer, hcSignature, send } from './webhooks'

/** The API key the fake server accepts in tests. */
export const TEST_KEY = 'hc_test_key_0123456789'

/** Everything a HelpCrunch test drives. */
export interface HelpCrunchRig {
  fake: FakeHelpCrunch
  engine: Engine
  adapter: HelpCrunchAdapter
  settings: SettingsPort
  events: ProtocolEvent[]
  /** Requests the fake server received so far. */
  requests(): number
}

/** Builds the rig (adapter not started). Call under `vi.useFakeTimers()` for deterministic time. */
export function helpCrunchRig(
  options: {
    agentId?: string | null
    tuning?: HelpCrunchAdapterOptions['tuning']
    key?: string
    /** Wraps the fake's fetch (e.g. to break one endpoint). */
    wrapFetch?: (fetchImpl: typeof fetch) => typeof fetch
    /** The adapter's clock (default: the system clock, which vitest's fake timers replace). */
    clock?: HelpCrunchAdapterOptions['clock']
  } = {},
): HelpCrunchRig {
  const fake = createFakeHelpCrunch({ apiKey: TEST_KEY })
  const engine = createEngine({ log: silentLogger })
  const initial = defaultSettings()
  initial.helpcrunch.apiUrl = 'http://127.0.0.1:9/v1' // loopback: plain http is allowed; the fake answers in process
  initial.helpcrunch.agentId = options.agentId === undefined ? '4188' : options.agentId
  // The whole organisation's budget, as if this were the only seat: the tests' timings assume it.
  initial.helpcrunch.requestsPerMinute = 120
  const settings = memorySettings(initial)
  const secrets = memorySecrets({ 'helpcrunch.apiKey': options.key ?? TEST_KEY })
  const adapter = new HelpCrunchAdapter({
    context: engine.contextFor('helpcrunch'),
    settings,
    secrets,
    fetch: options.wrapFetch ? options.wrapFetch(fake.fetch) : fake.fetch,
    tuning: options.tuning,
    clock: options.clock,
  })
  engine.adapters.register(adapter)
  const events: ProtocolEvent[] = []
  engine.bus.subscribe((event) => events.push(event))
  return { fake, engine, adapter, settings, events, requests: () => fake.log.length }
}

/** A whole runtime on the fake HelpCrunch: poller, webhook route, store and alert policy, as the app wires them. */
export interface HelpCrunchWorld {
  fake: FakeHelpCrunch
  runtime: Runtime
  events: ProtocolEvent[]
  /** Alerts raised so far. */
  alerts(): Alert[]
  /** The chat as the tray shows it. */
  chat(id: number): Chat | undefined
  /** Signs and posts one HelpCrunch webhook delivery to the runtime's listener. */
  deliver(envelope: unknown): Promise<Answer>
  stop(): Promise<void>
}

/** The signing key the world's webhook route checks. */
export const WORLD_SIGNING_KEY = 'hc_world_signing_key_0001'

/**
 * Starts the world: the runtime's listener on 127.0.0.1:0, HelpCrunch with the fake's in-process fetch, "me" =
 * agent 4188. Fake only `setTimeout`/`clearTimeout`/`Date` (`vi.useFakeTimers({ toFake })`): the listener's
 * sockets keep working while the poller's time is driven by the test.
 */
export async function startHelpCrunchWorld(
  options: { quirks?: Partial<FakeQuirks>; setup?: (fake: FakeHelpCrunch) => void } = {},
): Promise<HelpCrunchWorld> {
  const fake = createFakeHelpCrunch({ apiKey: TEST_KEY })
  Object.assign(fake.db.quirks, options.quirks)
  options.setup?.(fake)
  const settings = defaultSettings()
  settings.listener.port = 0
  settings.helpcrunch.apiUrl = 'http://127.0.0.1:9/v1'
  settings.helpcrunch.agentId = '4188'
  settings.helpcrunch.requestsPerMinute = 120
  const { runtime } = memoryRuntime(
    settings,
    { 'helpcrunch.apiKey': TEST_KEY, 'helpcrunch.signingKey': WORLD_SIGNING_KEY },
    { fetch: fake.fetch },
  )
  registerSources(runtime)
  const events: ProtocolEvent[] = []
  runtime.engine.bus.subscribe((event) => events.push(event))
  const { listen } = await runtime.start()
  return {
    fake,
    runtime,
    events,
    alerts: () => events.flatMap((e) => (e.type === 'alert' ? [e.alert] : [])),
    chat: (id) => runtime.engine.store.get(`helpcrunch:${id}`),
    deliver(envelope) {
      const body = JSON.stringify(envelope)
      const headers = { 'x-helpcrunch-signature': hcSignature(body, WORLD_SIGNING_KEY) }
      return send(listen, { path: '/webhooks/helpcrunch', body, headers })
    },
    stop: () => runtime.stop(),
  }
}

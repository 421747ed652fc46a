/** A HelpCrunch adapter wired to a real engine and the in-process fake server (poller and adapter tests). */

import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import { createEngine, type Engine } from '../../electron/core/engine/engine'
import { silentLogger } from '../../electron/core/engine/log'
import type { SettingsPort } from '../../electron/core/engine/ports'
import { memorySecrets, memorySettings } from '../../electron/core/runtime/ports'
import { HelpCrunchAdapter, type HelpCrunchAdapterOptions } from '../../electron/core/sources/helpcrunch/adapter'
import type { ProtocolEvent } from '../../shared/protocol'
import { defaultSettings } from '../../shared/settings'

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
  })
  engine.adapters.register(adapter)
  const events: ProtocolEvent[] = []
  engine.bus.subscribe((event) => events.push(event))
  return { fake, engine, adapter, settings, events, requests: () => fake.log.length }
}

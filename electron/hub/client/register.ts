/**
 * Wires a desktop to a team hub instead of the help desks: the proxy sources, the connection adapter and the
 * stream. "Me" at each source is the one the hub names for this token (the snapshot's `agent.me`), held here:
 * it never touches the desktop's own settings, which stay as they were for when it stops following the hub.
 */
import type { HubAgent } from '../../../shared/protocol/hub'
import type { SourceHost } from '../../core/sources/types'
import { createHubConnectionAdapter, createProxyAdapter, PROXIED_SOURCES, type ProxyAdapter } from './adapters'
import { hubCommand } from './commands-client'
import { applyHubEvent } from './events'
import { createHubStream } from './stream-client'

/** Where the hub is and how to follow it. */
export interface HubClientConfig {
  url: string
  token: string
  retryMs: number
  maxRetryMs: number
  idleMs: number
}

/** Reconnect and idle timings of a desktop following a hub unless tuned (the headless `CHAT_TRAY_HUB_*` defaults). */
export const HUB_CLIENT_TIMINGS = { retryMs: 1000, maxRetryMs: 30_000, idleMs: 45_000 } as const

/** Registers the hub-client sources with the runtime (in place of `registerSources`). */
export function registerHubClient(runtime: SourceHost, config: HubClientConfig): void {
  const { engine, options } = runtime
  const fetchImpl = options.fetch ?? globalThis.fetch
  const hub = { url: config.url, token: config.token, fetch: fetchImpl }
  const proxies = new Map<string, ProxyAdapter>()
  let agent: HubAgent | null = null
  let detail = 'connecting to the team hub'
  const stream = createHubStream({
    ...config,
    fetch: fetchImpl,
    log: engine.log,
    onEvent: (message) =>
      applyHubEvent(message, {
        context: (source) => (proxies.has(source) ? engine.contextFor(source) : undefined),
        sources: () => [...proxies.keys()],
        onSourceStatus: (status) => proxies.get(status.source)?.noteHubStatus(status),
        onAgent: (named) => {
          const before = agent
          agent = named
          // A status names its source's "me": republish those that changed.
          for (const [id, proxy] of proxies) if ((before?.me[id] ?? null) !== (named.me[id] ?? null)) proxy.publish()
        },
      }),
    onState: (state, text) => {
      detail = text
      if (state !== 'ok') engine.log.info('hub connection', { state, detail: text })
      connection.publish()
      for (const proxy of proxies.values()) proxy.publish()
    },
  })
  const link = {
    command: (command: string, params: Record<string, unknown>) => hubCommand(hub, command, params),
    connection: () => stream.state(),
    reconnectNow: (why: string) => stream.reconnectNow(why),
  }
  for (const source of PROXIED_SOURCES) {
    const me = () => agent?.me[source.id] ?? null
    const proxy = createProxyAdapter(source, { context: engine.contextFor(source.id), link, now: engine.now, me })
    proxies.set(source.id, proxy)
    engine.adapters.register(proxy)
  }
  const connection = createHubConnectionAdapter({
    context: engine.contextFor('hub'),
    start: () => stream.start(),
    stop: () => stream.stop(),
    link,
    detail: () => detail,
    now: engine.now,
  })
  engine.adapters.register(connection)
}

/**
 * Wires a desktop to a team hub instead of the help desks: the proxy sources, the connection adapter and the
 * stream. The agent the hub names for this token becomes `helpcrunch.agentId` (scope "mine", assigned-to-me).
 */
import type { SourceHost } from '../../core/sources/types'
import { createHubConnectionAdapter, createProxyAdapter, PROXIED_SOURCES, type ProxyAdapter } from './adapters'
import { hubCommand } from './commands-client'
import { applyHubEvent } from './events'
import { createHubStream } from './stream-client'

/** Where the hub is and how to follow it. */
export interface HubClientConfig {
  url: string
  token: string
  /** First reconnect delay (ms); doubles up to `maxRetryMs`, with jitter. */
  retryMs: number
  maxRetryMs: number
  /** No byte (not even a heartbeat) for this long = the connection is dead. */
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
        onAgent: (agent) => {
          const settings = options.settings.get()
          if (settings.helpcrunch.agentId === agent.helpcrunchAgentId) return
          // Through the command, so the alert policy and every source hear `settings.changed`.
          void engine.dispatcher.runUntrusted('settings.update', {
            patch: { helpcrunch: { agentId: agent.helpcrunchAgentId } },
          })
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
    const me = () => options.settings.get().helpcrunch.agentId
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

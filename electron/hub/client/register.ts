/**
 * Wires a desktop to a team hub instead of the help desks: the connection adapter, the stream, and one proxy per
 * source the hub names (its statuses, or a chat of a source it has not described yet), made on first sight.
 * "Me" at each source is the one the hub names for this token (the snapshot's `agent.me`), held here: it never
 * touches the desktop's own settings, which stay as they were for when it stops following the hub.
 */
import type { HubAgent } from '../../../shared/protocol/hub'
import type { SourceHost } from '../../core/sources/types'
import { createHubConnectionAdapter, createProxyAdapter, HUB_SOURCE_ID, type ProxyAdapter } from './adapters'
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

/** Most sources one hub may name; a broken or hostile hub cannot grow the desktop's adapters past it. */
export const MAX_PROXIED_SOURCES = 50

/** Registers the hub-client sources with the runtime (in place of `registerSources`). */
export function registerHubClient(runtime: SourceHost, config: HubClientConfig): void {
  const { engine, options } = runtime
  const fetchImpl = options.fetch ?? globalThis.fetch
  const proxies = new Map<string, ProxyAdapter>()
  const ignored = new Set<string>()
  let agent: HubAgent | null = null
  let detail = 'connecting to the team hub'
  // While the hub refuses this desktop's commands (its quota is spent), the connection's status says so.
  let throttledUntil = 0
  let throttleTimer: NodeJS.Timeout | null = null
  const onThrottled = (retryAfterMs: number) => {
    throttledUntil = engine.now() + retryAfterMs
    if (throttleTimer) clearTimeout(throttleTimer)
    throttleTimer = setTimeout(() => connection.publish(), retryAfterMs + 50)
    throttleTimer.unref()
    connection.publish()
  }
  const hub = { url: config.url, token: config.token, fetch: fetchImpl, onThrottled }

  const proxyOf = (source: string): ProxyAdapter | undefined => {
    const known = proxies.get(source)
    if (known || source === HUB_SOURCE_ID) return known
    if (proxies.size >= MAX_PROXIED_SOURCES) {
      if (!ignored.has(source) && ignored.size < MAX_PROXIED_SOURCES) {
        ignored.add(source)
        connection.publish()
      }
      return undefined
    }
    const proxy = createProxyAdapter(source, {
      context: engine.contextFor(source),
      link,
      now: engine.now,
      me: () => agent?.me[source] ?? null,
    })
    proxies.set(source, proxy)
    engine.adapters.register(proxy)
    proxy.publish()
    return proxy
  }

  const stream = createHubStream({
    ...config,
    fetch: fetchImpl,
    log: engine.log,
    onEvent: (message) =>
      applyHubEvent(message, {
        context: (source) => (proxyOf(source) ? engine.contextFor(source) : undefined),
        sources: () => [...proxies.keys()],
        onSourceStatus: (status) => proxyOf(status.source)?.noteHubStatus(status),
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
  const connection = createHubConnectionAdapter({
    context: engine.contextFor(HUB_SOURCE_ID),
    start: () => stream.start(),
    stop: () => stream.stop(),
    link,
    detail: () => detail,
    warnings: () => {
      const warnings =
        ignored.size === 0
          ? []
          : [
              `the team hub names more than ${MAX_PROXIED_SOURCES} sources: the chats of ${[...ignored].join(', ')} are not shown`,
            ]
      const left = throttledUntil - engine.now()
      if (left > 0)
        warnings.push(
          `the team hub is refusing this desktop's commands (too many too fast); try again in ${Math.ceil(left / 1000)} s`,
        )
      return warnings
    },
    now: engine.now,
  })
  engine.adapters.register(connection)
}

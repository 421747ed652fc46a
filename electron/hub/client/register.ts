/**
 * Wires a desktop to a team hub instead of the help desks: the connection adapter, the stream, and one proxy per
 * source the hub names (its statuses, or a chat of a source it has not described yet), made on first sight.
 * "Me" at each source is the one the hub names for this token (the snapshot's `agent.me`), held here: it never
 * touches the desktop's own settings, which stay as they were for when it stops following the hub.
 */
import type { HubAgent } from '../../../shared/protocol/hub'
import type { AgentPresence, PresenceReport } from '../../../shared/protocol/team'
import type { SourceHost } from '../../core/sources/types'
import { createHubConnectionAdapter, createProxyAdapter, HUB_SOURCE_ID, type ProxyAdapter } from './adapters'
import { trackAway } from './away'
import { hubCommand } from './commands-client'
import { applyHubEvent } from './events'
import { startPresenceReporter } from './presence-reporter'
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

/** How often a desktop looks whether it is back from away (do-not-disturb ends by the clock), ms. */
const AWAY_CHECK_MS = 5_000
/** How long after coming back the away summary waits for the hub's catch-up (snapshot or replay), ms. */
const AWAY_SETTLE_MS = 2_000

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
    if (known) return known
    // `hub` is the connection's own id; past the limit a broken or hostile hub cannot grow the desktop's adapters.
    if (source === HUB_SOURCE_ID || proxies.size >= MAX_PROXIED_SOURCES) {
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

  // The team's presence by name, kept whole (the hub sends it whole on connect, then the agents that changed).
  const team = new Map<string, AgentPresence>()
  const onPresence = (agents: AgentPresence[], full: boolean) => {
    if (full) team.clear()
    for (const presence of agents) team.set(presence.name, presence)
    engine.team.setPresence([...team.values()])
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
        onUnreadable: (reason) => engine.contextFor('hub').noteUnreadable('refused', reason),
        // A desktop whose clock disagrees with the hub's is told so (its timers and snoozes use its own clock).
        onHubClock: (now) => engine.contextFor('hub').observeClock(now),
        onPresence,
        onAgent: (named) => {
          const before = agent
          agent = named
          engine.team.setAgent(named.name)
          // A status names its source's "me": republish those that changed.
          for (const [id, proxy] of proxies) if ((before?.me[id] ?? null) !== (named.me[id] ?? null)) proxy.publish()
        },
      }),
    onState: (state, text) => {
      detail = text
      if (state !== 'ok') engine.log.info('hub connection', { state, detail: text })
      connection.publish()
      for (const proxy of proxies.values()) proxy.publish()
      if (state === 'ok') reporter?.poke()
      away.check()
    },
  })
  const connected = () => stream.state() === 'ok'
  let reporter: ReturnType<typeof startPresenceReporter> | null = null
  /** Why the last presence report failed, while it does. */
  let presenceProblem: string | null = null
  const away = trackAway({
    team: engine.team,
    bus: engine.bus,
    now: engine.now,
    chats: () => [...proxies.keys()].flatMap((source) => engine.contextFor(source).chats()),
    connected,
    settleMs: AWAY_SETTLE_MS,
  })
  const stopAwayWatch = engine.team.onChange(() => away.check())
  // Do-not-disturb ends by the clock, not by an event: looked at every few seconds.
  let awayTimer: NodeJS.Timeout | null = null
  const link = {
    command: (command: string, params: Record<string, unknown>) => hubCommand(hub, command, params),
    connection: () => stream.state(),
    reconnectNow: (why: string) => stream.reconnectNow(why),
  }
  const connection = createHubConnectionAdapter({
    context: engine.contextFor(HUB_SOURCE_ID),
    start: () => {
      stream.start()
      reporter = startPresenceReporter({
        team: engine.team,
        now: engine.now,
        connected,
        send: async (report: PresenceReport) =>
          (await hubCommand(hub, 'presence.report', report)) as { heartbeatMs: number },
        // Not silent: the team would see this desktop go stale, so its hub status says why.
        onResult: (error) => {
          // A hub from before the team layer does not know the command: nothing to tell.
          const olderHub = (error as { code?: string } | null)?.code === 'bad_command'
          const problem = error === null || olderHub ? null : (error as Error).message
          if (problem === presenceProblem) return
          presenceProblem = problem
          if (problem) engine.log.warn('presence report not taken by the team hub', { error: problem })
          connection.publish()
        },
      })
      awayTimer = setInterval(() => away.check(), AWAY_CHECK_MS)
      awayTimer.unref()
    },
    stop: async () => {
      if (awayTimer) clearInterval(awayTimer)
      stopAwayWatch()
      await reporter?.stop(true)
      stream.stop()
      engine.team.setAgent(null)
    },
    link,
    detail: () => detail,
    warnings: () => {
      const warnings =
        ignored.size === 0
          ? []
          : [
              `the team hub names sources this desktop does not show (more than ${MAX_PROXIED_SOURCES}, or one called "${HUB_SOURCE_ID}"): ${[...ignored].join(', ')}`,
            ]
      if (presenceProblem)
        warnings.push(
          `the team cannot see this desktop's presence (the hub did not take its report: ${presenceProblem})`,
        )
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

/**
 * What whoever runs the hub reads, wired to a runtime: the metrics (fed by the runtime's source requests, the
 * listener's webhook answers and the feed), `GET /ready` and `GET /metrics` on the listener, the cluster state in
 * the log, and the hub's phase (starting, serving, draining) that readiness follows. docs/hub.md, "Readiness and
 * metrics".
 */
import { HUB_COMMANDS_PATH } from '../../../shared/protocol/hub'
import type { Runtime } from '../../core/runtime/runtime'
import type { HubAuth } from './auth'
import type { ChangeFeed } from './change-feed'
import { logClusterChanges } from './cluster-log'
import type { ClusterState } from './cluster-state'
import { createHubMetrics, type HubMetrics } from './metrics'
import { HUB_METRICS_PATH, HUB_READY_PATH, metricsRoute, readyRoute } from './ops-routes'
import { type HubPhase, readiness } from './readiness'
import { timedFeed } from './timed-feed'

/** The hub's operations side. */
export interface Operations {
  metrics: HubMetrics
  /** `feed` as the streams and the hub use it: publishes counted, each fan-out timed. */
  feed: ChangeFeed & { close(): void }
  /** Registers `/ready` and `/metrics` (behind `auth`) on the listener. */
  routes(auth: HubAuth): void
  /** Sets the phase `/ready` reports; `draining` is final. */
  phase(next: Exclude<HubPhase, 'starting'>): void
  /** Stops the cluster log. */
  close(): void
}

/** Wires the operations side of a hub on `runtime`, over its change feed. */
export function createOperations(
  runtime: Runtime,
  feed: ChangeFeed,
  read: { cluster: () => ClusterState; streams: () => number },
): Operations {
  const { engine, listener } = runtime
  let phase: HubPhase = 'starting'
  const metrics = createHubMetrics(read)
  const clusterLog = logClusterChanges(read.cluster, engine.log)
  const timed = timedFeed(feed, metrics.fannedOut)
  runtime.observeRequests(metrics.requested)
  // Every POST route but the hub's own commands is a help desk's webhook route.
  listener.observeAnswers(({ path, method, status }) => {
    if (method === 'POST' && path !== HUB_COMMANDS_PATH) metrics.delivered(path, status)
  })
  return {
    metrics,
    feed: {
      ...timed,
      publish(...args: Parameters<ChangeFeed['publish']>) {
        const entry = timed.publish(...args)
        metrics.published(args[0])
        return entry
      },
      close() {
        timed.close()
        feed.close?.()
      },
    },
    routes(auth) {
      listener.route(
        HUB_READY_PATH,
        readyRoute(() => readiness(phase, read.cluster(), engine.statuses())),
        'GET',
      )
      listener.route(HUB_METRICS_PATH, metricsRoute(auth, metrics), 'GET')
    },
    phase(next) {
      if (phase !== 'draining') phase = next
    },
    close: () => clusterLog.stop(),
  }
}

/**
 * `GET /ready`: whether a load balancer should send this hub traffic. Ready (`200`) once the runtime has started,
 * until a stop begins, while the shared store (when there is one) is reachable; otherwise `503` with the reason.
 * The body names the role, the store and each source's state, and nothing secret (no messages, no warnings), so
 * it needs no token: load balancers and orchestrators probe without one (docs/hub.md, "Operating the hub").
 */
import type { SourceState, SourceStatus } from '../../../shared/protocol'
import type { ClusterState } from './cluster-state'

/** Where the hub is in its life: before the runtime started, serving, or stopping (draining streams). */
export type HubPhase = 'starting' | 'serving' | 'draining'

/** What `/ready` says: `ready` is the only status answered `200`. */
export type ReadyStatus = 'ready' | 'starting' | 'draining' | 'degraded'

/** The body of `/ready`. */
export interface ReadyBody {
  ready: boolean
  status: ReadyStatus
  role: ClusterState['role']
  store: ClusterState['store']
  fence?: number
  sources: { source: string; state: SourceState }[]
}

/** The readiness answer for a phase, a cluster state and the runtime's source statuses. */
export function readiness(
  phase: HubPhase,
  cluster: ClusterState,
  statuses: readonly SourceStatus[],
): { httpStatus: 200 | 503; body: ReadyBody } {
  // Draining first: a stopping hub must be left, whatever else holds.
  const status: ReadyStatus =
    phase === 'draining'
      ? 'draining'
      : phase === 'starting'
        ? 'starting'
        : cluster.store === 'down'
          ? 'degraded'
          : 'ready'
  const body: ReadyBody = {
    ready: status === 'ready',
    status,
    role: cluster.role,
    store: cluster.store,
    ...(cluster.fence !== undefined ? { fence: cluster.fence } : {}),
    // A source's state says nothing secret; its message and warnings stay on /health.
    sources: statuses.map(({ source, state }) => ({ source, state })),
  }
  return { httpStatus: status === 'ready' ? 200 : 503, body }
}

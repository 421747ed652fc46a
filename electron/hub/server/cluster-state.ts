/**
 * What a hub says about its place among hubs, for `/ready` and `/health`: the leader (it runs the pollers of
 * sources only one hub may poll), a follower, or `single` (no `--redis`: the embedded default, always ready on
 * this count). `redis` is the shared Redis as this hub sees it; `fence` the leader's fencing token last seen.
 */

/** A hub's role. */
export type ClusterRole = 'leader' | 'follower' | 'single'

/** A hub's place among hubs (docs/scaling.md, "Cluster state"). */
export interface ClusterState {
  role: ClusterRole
  /** `none` without `--redis`; `down` while this hub cannot reach Redis (degraded: it serves from memory). */
  redis: 'up' | 'down' | 'none'
  /** The newest fencing token seen (null without Redis). */
  fence: number | null
}

/** The state of a hub without `--redis`. */
export const SINGLE_HUB: ClusterState = { role: 'single', redis: 'none', fence: null }

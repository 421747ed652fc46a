/**
 * Where this hub stands among its peers, as whoever runs it sees it on `/ready` and `/metrics`. The embedded hub
 * (no shared store) is always `single`; a clustered hub is `leader` (it holds the lease and polls) or `follower`,
 * and says whether it reaches the shared store. The live provider comes with the shared feed (HubOptions.cluster).
 */

/** This hub's role, the shared store's reachability and, when leading, the lease's fencing token. */
export interface ClusterState {
  role: 'single' | 'leader' | 'follower'
  /** `none`: no shared store (the embedded hub); `up` / `down`: reached or not on the last try. */
  store: 'none' | 'up' | 'down'
  /** The fencing token of the lease this hub holds or last saw (clustered only). */
  fence?: number
}

/** The embedded hub's state: alone, no shared store. */
export function singleHubState(): ClusterState {
  return { role: 'single', store: 'none' }
}

/** Whether this hub is the one that polls the help desks (the leader, or a hub alone). */
export function polls(state: ClusterState): boolean {
  return state.role !== 'follower'
}

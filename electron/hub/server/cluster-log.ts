/**
 * The hub's log line for each change of its cluster state (a lease won or lost, the shared store lost or back):
 * the state is read every `everyMs` and a change is logged once, with what it was before. The first state is
 * logged at start. A clustered feed may also call `check()` at once when it knows the state moved.
 */
import type { Logger } from '../../core/engine/log'
import type { ClusterState } from './cluster-state'

/** Watches `read`; `check()` compares now, `stop()` ends the watch. */
export function logClusterChanges(
  read: () => ClusterState,
  log: Logger,
  everyMs = 1_000,
): { check(): void; stop(): void } {
  let last: ClusterState | null = null
  const same = (a: ClusterState, b: ClusterState) => a.role === b.role && a.store === b.store && a.fence === b.fence
  const check = () => {
    const now = read()
    if (last !== null && same(last, now)) return
    const fields = { role: now.role, store: now.store, fence: now.fence ?? null }
    if (last === null) log.info('hub cluster state', fields)
    else if (now.store === 'down') log.warn('hub cluster state changed', { ...fields, was: last })
    else log.info('hub cluster state changed', { ...fields, was: last })
    last = { ...now }
  }
  check()
  const timer = setInterval(check, everyMs)
  timer.unref()
  return { check, stop: () => clearInterval(timer) }
}

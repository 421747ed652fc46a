/**
 * The listener's own diagnostic: bound and reachable. Each source checks its routes itself (their secrets,
 * a self-signed test delivery): see `SourcePlugin.checks`.
 */
import { isLoopbackHost } from '../../../../shared/loopback'
import type { CheckResult } from './check'

/** The listener at `listen` answers `/health`; bound beyond loopback is a warning. */
export async function reachableCheck(listen: string, host: string): Promise<CheckResult> {
  try {
    const response = await fetch(`${listen}/health`, { signal: AbortSignal.timeout(5_000) })
    if (response.status !== 200) throw new Error(`/health answered ${response.status}`)
  } catch (error) {
    return {
      id: 'listener.reachable',
      status: 'fail',
      message: `the listener at ${listen} did not answer: ${(error as Error).message}`,
      fix: 'check firewall rules for loopback, or choose another listener address (headless: --listen)',
    }
  }
  if (isLoopbackHost(host))
    return {
      id: 'listener.reachable',
      status: 'pass',
      message: `listening on ${listen} (loopback only; expose it with a tunnel)`,
    }
  return {
    id: 'listener.reachable',
    status: 'warn',
    message: `listening on ${listen}: reachable from other machines`,
    fix: 'bind to 127.0.0.1 and use a tunnel unless you need this',
  }
}

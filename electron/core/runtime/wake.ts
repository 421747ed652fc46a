/**
 * Healing after sleep, an unlock or a network change (ntfy #78, Ferdium #1092, Wire's zombie socket): the listener
 * proves it still answers on its port and binds again if not; every source refreshes at once (a hub connection
 * reconnects even if its socket looks open); what they find while catching up goes out as ONE summary.
 */
import type { Logger } from '../engine/log'
import type { Runtime } from './runtime'

/** Why the runtime is woken. */
export type WakeReason = 'resume' | 'unlock-screen' | 'network-change'

/** What a wake did (logged; the boot test reads it from the log). */
export interface WakeReport {
  reason: WakeReason
  listener: 'not used' | 'answering' | 'rebound' | 'failed'
  sources: { id: string; ok: boolean }[]
}

/** Longest the summary waits for the sources to catch up. */
export const WAKE_CAP_MS = 20_000
/** Longest the listener's self-check may take. */
const PROBE_TIMEOUT_MS = 2_000

/** Heals `runtime`; `listening` says whether it was started with its listener bound. */
export async function wakeRuntime(
  runtime: Runtime,
  reason: WakeReason,
  listening: boolean,
  log: Logger,
): Promise<WakeReport> {
  runtime.alerts.beginWake(WAKE_CAP_MS)
  try {
    const listener = listening ? await proveListener(runtime, log) : 'not used'
    const adapters = runtime.engine.adapters.all()
    const results = await Promise.allSettled(
      adapters.map((adapter) => (adapter.wake ?? adapter.refresh)?.call(adapter) ?? Promise.resolve()),
    )
    const sources = adapters.map((adapter, i) => ({ id: adapter.identity.id, ok: results[i]?.status === 'fulfilled' }))
    const report: WakeReport = { reason, listener, sources }
    log.info('woke up', { ...report })
    return report
  } finally {
    runtime.alerts.endWake()
  }
}

/** The listener answers `/health` on its own address; if not, it is bound again on the configured port. */
async function proveListener(runtime: Runtime, log: Logger): Promise<WakeReport['listener']> {
  const { listener } = runtime
  const address = listener.server.address()
  if (listener.server.listening && address && typeof address === 'object') {
    const host = address.address.includes(':') ? `[${address.address}]` : address.address
    try {
      const answer = await fetch(`http://${host}:${address.port}/health`, {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      })
      await answer.body?.cancel()
      if (answer.ok) return 'answering'
    } catch {
      // Not answering: bind again below.
    }
  }
  log.warn('the listener lost its port; binding it again')
  try {
    await listener.stop()
    await listener.start()
    return 'rebound'
  } catch (error) {
    log.error('the listener could not bind its port again', { error: (error as Error).message })
    return 'failed'
  }
}

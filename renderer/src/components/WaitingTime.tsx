/**
 * A live "waiting for" label; the only part of a row that re-renders every second. It turns amber past
 * the still-waiting threshold and red past twice it, with the words said too (not colour alone).
 */
import { elapsed } from '../lib/format'
import { useClock } from '../stores/ui-store'

/** How urgent a wait of `ms` is against the still-waiting threshold. */
export function urgency(ms: number, thresholdMs: number): 'calm' | 'late' | 'overdue' {
  if (ms >= 2 * thresholdMs) return 'overdue'
  return ms >= thresholdMs ? 'late' : 'calm'
}

/** Time since `since` (epoch ms), updated by the panel clock. */
export function WaitingTime({ since, thresholdMs, id }: { since: number | null; thresholdMs: number; id?: string }) {
  const now = useClock((s) => s.now)
  if (since === null) return null
  const level = urgency(now - since, thresholdMs)
  return (
    <time id={id} className={`waiting-time wait-${level}`} dateTime={new Date(since).toISOString()}>
      <span className="visually-hidden">waiting for </span>
      {elapsed(now - since)}
      {level === 'overdue' ? <span className="visually-hidden">, long wait</span> : null}
    </time>
  )
}

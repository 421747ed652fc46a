/** A live "waiting for" label; the only part of a row that re-renders every second. */
import { elapsed } from '../lib/format'
import { useClock } from '../stores/ui-store'

/** Time since `since` (epoch ms), updated by the panel clock. */
export function WaitingTime({ since }: { since: number | null }) {
  const now = useClock((s) => s.now)
  if (since === null) return null
  return (
    <time className="waiting-time" dateTime={new Date(since).toISOString()} title="Waiting for">
      {elapsed(now - since)}
    </time>
  )
}

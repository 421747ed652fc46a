/**
 * "While you were away" on a desktop following a hub (docs/team.md): away from the moment the machine locks or
 * suspends, do-not-disturb starts or the hub connection drops; back when none of these holds any more. Then one
 * `team.away` event tells what arrived meanwhile (shared/team.ts `awaySummary`), named by what ended last.
 */
import type { Chat } from '../../../shared/chat'
import type { AwayReason } from '../../../shared/protocol/team'
import { awaySummary } from '../../../shared/team'
import type { EventBus } from '../../core/engine/event-bus'
import type { LocalTeam } from '../../core/engine/team-local'

/** What the tracker needs. */
export interface AwayDeps {
  team: LocalTeam
  bus: EventBus
  now(): number
  chats(): Iterable<Chat>
  /** True while the stream to the hub is up. */
  connected(): boolean
  /** How long after coming back the summary waits for the hub's catch-up to arrive (ms). */
  settleMs: number
}

/** The causes of being away, and which reason each one's end gives. */
type Cause = 'asleep' | 'locked' | 'dnd' | 'offline'
const BACK: Record<Cause, AwayReason> = { asleep: 'resume', locked: 'unlock', dnd: 'dnd-end', offline: 'reconnect' }

/** Tracks away and back; `check()` after anything that may have changed (the team's side, the connection). */
export function trackAway(deps: AwayDeps): { check(): void } {
  let from: number | null = null
  let causes = new Set<Cause>()
  /** Only once the hub was reached: a desktop starting up has not been "away". */
  let everConnected = false
  const current = (): Set<Cause> => {
    const now = new Set<Cause>()
    const { activity } = deps.team
    if (activity === 'suspended') now.add('asleep')
    if (activity === 'locked') now.add('locked')
    const dnd = deps.team.dndUntil()
    if (dnd !== null && dnd > deps.now()) now.add('dnd')
    if (!deps.connected()) now.add('offline')
    return now
  }
  return {
    check() {
      if (deps.connected()) everConnected = true
      if (!everConnected) return
      const next = current()
      const ended = [...causes].filter((cause) => !next.has(cause))
      if (from === null && next.size > 0) from = deps.now()
      if (from !== null && next.size === 0 && ended.length > 0) {
        const reason = BACK[ended.at(-1) as Cause]
        const since = from
        from = null
        const tell = () => {
          const summary = awaySummary(deps.chats(), { from: since, to: deps.now(), reason })
          if (summary) deps.bus.emit({ type: 'team.away', summary })
        }
        if (deps.settleMs <= 0) tell()
        else setTimeout(tell, deps.settleMs).unref()
      }
      causes = next
    },
  }
}

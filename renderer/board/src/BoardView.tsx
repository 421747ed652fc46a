/**
 * The live board: who waits and how close each first reply is to its target (soonest first), who holds each
 * chat, who on the team is reachable, today's breaches and the longest wait. Everything follows the stream; the
 * clock ticks once a second on the hub's time (the snapshot's `now` gives the skew).
 */
import { useEffect, useMemo, useState } from 'react'
import { coarse } from '../../src/lib/format'
import { dayKey, timeOfDay } from '../../src/lib/time-format'
import { noteBreaches, queue, useBoard } from './board-store'
import { customerOf, QueueTable } from './QueueTable'
import type { BoardSession } from './session'
import { followStream } from './stream'
import { TeamList } from './TeamList'

const CONNECTION_WORDS = {
  connecting: 'Connecting to the hub…',
  live: 'Live',
  offline: 'Reconnecting to the hub…',
  'signed-out': 'Signed out',
} as const

/** The signed-in board. */
export function BoardView({ session, onSignedOut }: { session: BoardSession; onSignedOut: () => void }) {
  const [localNow, setLocalNow] = useState(() => Date.now())
  useEffect(() => followStream(onSignedOut), [onSignedOut])
  // The hub's count since the morning, then what this board sees breach while it is open.
  useEffect(() => {
    const today = dayKey(Date.now())
    const known = Object.fromEntries(session.breachesToday.map((key) => [key, today]))
    useBoard.setState((state) => ({ breaches: { ...known, ...state.breaches } }))
  }, [session])
  useEffect(() => {
    const timer = setInterval(() => setLocalNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const { chats, sources, connection, skewMs, breaches, unreadable, team } = useBoard()
  const now = localNow + skewMs
  const targetOf = useMemo(
    () => (source: string) => (session.firstResponseSeconds[source] ?? session.defaultFirstResponseSeconds) * 1000,
    [session],
  )
  const waits = useMemo(() => queue(chats, targetOf), [chats, targetOf])
  useEffect(() => {
    const next = noteBreaches(breaches, waits, now, dayKey)
    if (next !== breaches) useBoard.setState({ breaches: next })
  }, [breaches, waits, now])
  const today = dayKey(now)
  const breachesToday = Object.values(breaches).filter((day) => day === today).length
  const longest = waits.reduce((most, w) => Math.max(most, now - w.since), 0)
  const teamList = useMemo(() => Object.values(team), [team])
  const labelOf = (source: string) => sources[source]?.label ?? source
  return (
    <main className="board">
      <header className="board-header">
        <h1>Team board</h1>
        <p className={`board-connection board-${connection}`} role="status">
          {CONNECTION_WORDS[connection]}
        </p>
        <p className="board-who">
          Signed in as {session.agent.name} until {timeOfDay(session.expiresAt)}
        </p>
        <form method="post" action="/board/sign-out">
          <input type="hidden" name="csrf" value={session.csrf} />
          <button type="submit">Sign out</button>
        </form>
      </header>
      <section aria-labelledby="board-stats-title" className="board-stats">
        <h2 id="board-stats-title" className="visually-hidden">
          Today
        </h2>
        <dl>
          <div>
            <dt>Waiting</dt>
            <dd data-testid="stat-waiting">{waits.length}</dd>
          </div>
          <div>
            <dt>Longest wait</dt>
            <dd data-testid="stat-longest">{waits.length > 0 ? coarse(longest) : '—'}</dd>
          </div>
          <div>
            <dt>Breaches today</dt>
            <dd data-testid="stat-breaches">{breachesToday}</dd>
          </div>
        </dl>
        {unreadable > 0 && (
          <p className="error-text">
            {unreadable} {unreadable === 1 ? 'update' : 'updates'} from the hub could not be read and are not shown.
          </p>
        )}
      </section>
      <QueueTable waits={waits} chats={chats} team={teamList} now={now} labelOf={labelOf} />
      <TeamList now={now} titleOf={(key) => (chats[key] ? customerOf(chats[key]) : null)} />
    </main>
  )
}

/** Who on the team is online, on shift or in do-not-disturb (filled from the hub's presence events). */

/** The team section. */
export function TeamList(_props: { now: number }) {
  return (
    <section aria-labelledby="board-team-title" className="board-team">
      <h2 id="board-team-title">Team</h2>
      <p className="empty">No desktop has reported yet.</p>
    </section>
  )
}

/**
 * Missed chats and callbacks never sit below the fold: when a longer Waiting group pushes them down,
 * this line at the top says how many there are and jumps to the first one.
 */
import type { Chat } from '../../../shared/chat'
import type { GroupId } from '../lib/grouping'
import { useUi } from '../stores/ui-store'

/** Waiting rows above which the missed group may be out of sight. */
const FOLD_ROWS = 4

/** The bar (nothing when the missed group is empty or already near the top). */
export function SummaryBar({ groups }: { groups: Record<GroupId, Chat[]> }) {
  const missed = groups.missed
  const collapsedWaiting = useUi((s) => !!s.collapsed.waiting)
  const first = missed[0]
  if (!first || collapsedWaiting || groups.waiting.length < FOLD_ROWS) return null
  const missedCount = missed.filter((c) => c.state === 'missed').length
  const callbacks = missed.length - missedCount
  const parts = [
    missedCount ? `${missedCount} missed` : null,
    callbacks ? `${callbacks} ${callbacks === 1 ? 'callback' : 'callbacks'}` : null,
  ].filter(Boolean)
  return (
    <div className="summary-bar">
      <span className="summary-text">{parts.join(' · ')} below</span>
      <button
        type="button"
        className="link"
        onClick={() => {
          const ui = useUi.getState()
          ui.toggleGroup('missed', false)
          ui.select(first.key)
          // After the render that unfolds the group (if it was folded).
          setTimeout(() => {
            const row = document.querySelector<HTMLElement>(`.chat-row[data-key="${CSS.escape(first.key)}"]`)
            row?.scrollIntoView?.({ block: 'center' })
            row?.focus()
          })
        }}
      >
        Show
      </button>
    </div>
  )
}

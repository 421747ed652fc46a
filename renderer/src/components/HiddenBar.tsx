/**
 * Nothing urgent is filtered away silently: when the filters hide customers who wait, missed a chat or asked
 * for a callback, this bar at the top of the list counts them, names the filters, and shows them in one click.
 * When the panel cleared the filters itself (a new customer started waiting) it says so once.
 */
import type { Filters, HiddenUrgent } from '../lib/grouping'
import { NO_FILTERS } from '../lib/grouping'
import { usePanelStore } from '../stores/panel-store'
import { useUi } from '../stores/ui-store'

/** "Mine", "HelpCrunch only", "Unread only", "search “ana”", joined with " and ". */
export function filterWords(filters: Filters, label: (source: string) => string): string {
  const words = [
    filters.scope === 'mine' ? 'Mine' : filters.scope === 'unassigned' ? 'Unassigned' : null,
    filters.source !== 'all' ? `${label(filters.source)} only` : null,
    filters.unreadOnly ? 'Unread only' : null,
    filters.search.trim() ? `search “${filters.search.trim()}”` : null,
  ].filter(Boolean)
  return words.join(' and ')
}

/** "25 waiting · 4 missed · 1 callback". */
export function urgentWords(hidden: HiddenUrgent): string {
  return [
    hidden.waiting ? `${hidden.waiting} waiting` : null,
    hidden.missed ? `${hidden.missed} missed` : null,
    hidden.callback ? `${hidden.callback} ${hidden.callback === 1 ? 'callback' : 'callbacks'}` : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** The bar (nothing when the filters hide no one urgent and nothing was reset). */
export function HiddenBar({ hidden }: { hidden: HiddenUrgent }) {
  const filters = useUi((s) => s.filters)
  const reset = useUi((s) => s.filtersReset)
  const info = usePanelStore((s) => s.sourceInfo)
  const urgent = urgentWords(hidden)
  if (urgent)
    return (
      <div className="hidden-bar" role="status">
        <span className="hidden-text">
          {urgent} hidden by {filterWords(filters, (s) => info[s]?.label ?? s)}
        </span>
        <button type="button" className="link" onClick={() => useUi.getState().setFilters({ ...NO_FILTERS })}>
          Show all
        </button>
      </div>
    )
  if (reset)
    return (
      <div className="hidden-bar reset" role="status">
        <span className="hidden-text">Filters cleared: {reset}.</span>
      </div>
    )
  return null
}

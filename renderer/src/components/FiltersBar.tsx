/**
 * Source, scope, unread and search filters. Source, scope and unread are remembered between runs (not the
 * search); a remembered filter never hides a newcomer (stores/filter-guard.ts). The search field is focused by `/`.
 */
import type { Filters } from '../lib/grouping'
import { usePanelStore } from '../stores/panel-store'
import { useUi } from '../stores/ui-store'

/** The filter bar. */
export function FiltersBar() {
  const filters = useUi((s) => s.filters)
  const setFilters = useUi((s) => s.setFilters)
  // The sources main has named, in the registry's order.
  const sources = usePanelStore((s) => s.sourceInfo)
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span className="visually-hidden">Source</span>
        <select value={filters.source} onChange={(e) => setFilters({ source: e.target.value })}>
          <option value="all">All sources</option>
          {Object.values(sources).map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">Scope</span>
        <select value={filters.scope} onChange={(e) => setFilters({ scope: e.target.value as Filters['scope'] })}>
          <option value="all">Everyone</option>
          <option value="unassigned">Unassigned</option>
          <option value="mine">Mine</option>
        </select>
      </label>
      <label className="unread-only">
        <input
          type="checkbox"
          checked={!!filters.unreadOnly}
          onChange={(e) => setFilters({ unreadOnly: e.target.checked })}
        />
        Unread
      </label>
      <label className="search">
        <span className="visually-hidden">Search chats</span>
        <input
          id="chat-search"
          type="search"
          placeholder="Search  /"
          value={filters.search}
          onChange={(e) => setFilters({ search: e.target.value })}
        />
      </label>
    </form>
  )
}

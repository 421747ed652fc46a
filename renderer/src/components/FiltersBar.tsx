/** Source, scope, unread and search filters (remembered between runs). The search field is focused by `/`. */
import { KNOWN_SOURCES } from '../../../shared/chat'
import { sourceLabel } from '../lib/format'
import type { Filters } from '../lib/grouping'
import { useUi } from '../stores/ui-store'

/** The filter bar. */
export function FiltersBar() {
  const filters = useUi((s) => s.filters)
  const setFilters = useUi((s) => s.setFilters)
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span className="visually-hidden">Source</span>
        <select value={filters.source} onChange={(e) => setFilters({ source: e.target.value })}>
          <option value="all">All sources</option>
          {KNOWN_SOURCES.map((s) => (
            <option key={s} value={s}>
              {sourceLabel(s)}
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

/**
 * The chat panel body: chats grouped Waiting / Missed & callbacks / Active (yours, the team's) / Snoozed after
 * the filters, under sticky, foldable group headers; a bar that counts the urgent chats the filters hide; a cue
 * when a chat arrives out of sight; an empty state that tells the truth; the result line with Undo.
 * A long list mounts its first screen at once and the rest in the next frames, so a thousand chats show fast
 * and every row is still in the page (one tab stop, every name readable).
 */
import { useEffect, useMemo } from 'react'
import type { Chat } from '../../../shared/chat'
import { DEFAULT_FIRST_RESPONSE_SECONDS } from '../../../shared/settings'
import { countOpen, GROUPS, type GroupId } from '../lib/grouping'
import { useList } from '../stores/list-store'
import { usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { useUi } from '../stores/ui-store'
import { ClearFilters, EmptyState } from './EmptyState'
import { GroupRows } from './GroupRows'
import { GroupSection } from './GroupSection'
import { HiddenBar } from './HiddenBar'
import { KeyboardHelp } from './KeyboardHelp'
import { NewArrivalCue } from './NewArrivalCue'
import { SummaryBar } from './SummaryBar'
import { UndoBar } from './UndoBar'

const NO_SHIFTS: never[] = []
/** Rows mounted with the first render; the rest follow in steps of `LATER_ROWS`. */
const FIRST_ROWS = 30
const LATER_ROWS = 300

/** Keys of the visible chats in display order (for j/k navigation); folded groups are skipped. */
export function useVisibleKeys(): string[] {
  return useList((s) => s.keys)
}

/**
 * How many rows are mounted: the first screen at once, then more each frame until all are. Kept in the UI store,
 * so coming back from another view mounts what was there at once (and the list's scroll position still exists).
 */
function useMountedRows(total: number): number {
  const limit = useUi((s) => Math.max(s.mountedRows, FIRST_ROWS))
  useEffect(() => {
    if (limit >= total) return
    const timer = setTimeout(() => useUi.setState({ mountedRows: limit + LATER_ROWS }), 0)
    return () => clearTimeout(timer)
  }, [limit, total])
  return limit
}

/** The grouped list. */
export function ChatList() {
  const { groups, hidden, hiddenTotal, me, keys: visible } = useList()
  const loaded = usePanelStore((s) => s.loaded)
  const loadError = usePanelStore((s) => s.loadError)
  const settings = usePanelStore((s) => s.settings)
  const sources = usePanelStore((s) => s.sourceInfo)
  const open = usePanelStore((s) => countOpen(Object.values(s.chats)))
  const selectedKey = useUi((s) => s.selectedKey)
  const helpOpen = useUi((s) => s.helpOpen)
  // One subscription for every row's action state and popups (each row gets its part as props).
  const actions = useRowActions((s) => s.rows)
  const snoozeFor = useUi((s) => s.snoozeMenuFor)
  const menuFor = useUi((s) => s.rowMenuFor)
  const takeoverFor = useUi((s) => s.takeoverFor)
  const total = GROUPS.reduce((n, g) => n + groups[g.id].length, 0)
  const mounted = useMountedRows(total)
  const targets = settings?.alerts.firstResponseSeconds
  const targetOf = useMemo(
    () => (source: string) => (targets?.[source] ?? DEFAULT_FIRST_RESPONSE_SECONDS) * 1000,
    [targets],
  )
  if (loadError) return <p className="empty error-text">Could not load chats: {loadError}</p>
  if (!loaded)
    return (
      <p className="empty" role="status">
        Loading chats…
      </p>
    )
  const privacy = settings?.alerts.privacy ?? false
  const shifts = settings?.alerts.shifts ?? NO_SHIFTS
  // Roving tabindex: the selected row, or the first one, is the list's single tab stop.
  const tabStop = selectedKey && visible.includes(selectedKey) ? selectedKey : (visible[0] ?? null)
  const shared = {
    selectedKey,
    tabStop,
    privacy,
    me,
    sources,
    targetOf,
    shifts,
    actions,
    snoozeFor,
    menuFor,
    takeoverFor,
  }
  let budget = mounted
  const shown = (id: GroupId): Chat[] => {
    const all = groups[id]
    const part = budget >= all.length ? all : all.slice(0, Math.max(0, budget))
    budget -= all.length
    return part
  }
  return (
    <div className="chat-groups">
      {helpOpen ? <KeyboardHelp /> : null}
      <HiddenBar hidden={hidden} />
      {total === 0 ? (
        <EmptyState hidden={open - total} />
      ) : (
        <>
          <SummaryBar groups={groups} />
          {GROUPS.map((group) =>
            groups[group.id].length === 0 ? null : (
              <GroupSection
                key={group.id}
                id={group.id}
                label={group.label}
                chats={groups[group.id]}
                me={me}
                shifts={shifts}
              >
                <GroupRows
                  chats={shown(group.id)}
                  snoozed={group.id === 'snoozed'}
                  showUnassigned={group.id === 'team'}
                  {...shared}
                />
              </GroupSection>
            ),
          )}
          {hiddenTotal > 0 ? (
            <p className="hidden-by-filters">
              Filters hide {hiddenTotal} more {hiddenTotal === 1 ? 'chat' : 'chats'}. <ClearFilters hidden={0} />
            </p>
          ) : null}
          <NewArrivalCue />
        </>
      )}
      <UndoBar />
    </div>
  )
}

/**
 * The chat list as shown, derived in one place: the chats grouped after the filters (regrouped when chats,
 * "me", privacy, filters, pending snoozes or the minute change), the urgent chats the filters hide, and the
 * keys j/k walk. The app's keys and the list read the same grouping; a group none of whose chats changed keeps
 * its array, so its rows are not even compared again.
 */
import { create } from 'zustand'
import type { Chat } from '../../../shared/chat'
import type { SourceStatus } from '../../../shared/protocol'
import { GROUPS, type Grouping, type Groups, groupChats } from '../lib/grouping'
import { usePendingSnoozes } from './bulk-store'
import { usePanelStore } from './panel-store'
import { useClock, useUi } from './ui-store'

/** The derived list. */
export interface ListState extends Grouping {
  /** Keys of the visible chats in display order (folded groups skipped). */
  keys: string[]
  /** "Me" per source, as the statuses say. */
  me: Record<string, string | null>
}

/** "Me" at each source (HelpCrunch: the agent id; DeskDirector: the tech). */
export function mesOf(sources: Readonly<Record<string, SourceStatus>>): Record<string, string | null> {
  return Object.fromEntries(Object.values(sources).map((s) => [s.source, s.me ?? null]))
}

const EMPTY: ListState = {
  groups: { waiting: [], missed: [], mine: [], team: [], snoozed: [] },
  hidden: { waiting: 0, missed: 0, callback: 0 },
  hiddenTotal: 0,
  keys: [],
  me: {},
}

/** The list store (read with selectors; written only by `derive`). */
export const useList = create<ListState>(() => EMPTY)

function derive(): void {
  const { chats, sources, settings } = usePanelStore.getState()
  const { filters, collapsed } = useUi.getState()
  const minute = Math.floor(useClock.getState().now / 60_000)
  const before = useList.getState()
  const me = sameRecord(before.me, mesOf(sources)) ? before.me : mesOf(sources)
  const grouping = groupChats(Object.values(chats), filters, null, Math.max(Date.now(), minute * 60_000), {
    privacy: settings?.alerts.privacy ?? false,
    meOf: (source) => me[source] ?? null,
    snoozedUntil: usePendingSnoozes.getState().until,
  })
  const groups = grouping.groups
  for (const { id } of GROUPS) if (sameChats(before.groups[id], groups[id])) groups[id] = before.groups[id]
  const keys = GROUPS.flatMap((g) => (collapsed[g.id] ? [] : groups[g.id].map((c) => c.key)))
  useList.setState({
    ...grouping,
    groups: GROUPS.every((g) => groups[g.id] === before.groups[g.id]) ? before.groups : (groups as Groups),
    keys: sameList(before.keys, keys) ? before.keys : keys,
    me,
  })
}

function sameChats(a: readonly Chat[], b: readonly Chat[]): boolean {
  return a.length === b.length && a.every((chat, i) => chat === b[i])
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i])
}

function sameRecord(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

// Regroup when an input changes (the minute: snoozes end).
usePanelStore.subscribe((s, p) => {
  if (s.chats !== p.chats || s.sources !== p.sources || s.settings !== p.settings) derive()
})
useUi.subscribe((s, p) => {
  if (s.filters !== p.filters || s.collapsed !== p.collapsed) derive()
})
useClock.subscribe((s, p) => {
  if (Math.floor(s.now / 60_000) !== Math.floor(p.now / 60_000)) derive()
})
usePendingSnoozes.subscribe(derive)

derive()

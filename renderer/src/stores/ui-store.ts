/** View state of the panel: current tab, filters, selection, open popups, and a clock for live times. */
import { create } from 'zustand'
import type { PanelView } from '../../../shared/protocol'
import type { Filters, GroupId } from '../lib/grouping'
import { NO_FILTERS } from '../lib/grouping'
import { loadFilters, saveFilters } from '../lib/remembered-filters'

/** UI state. */
export interface UiState {
  view: PanelView
  filters: Filters
  /** Why the filters were last reset on their own ("a new waiting chat"), shown once in the list; null when not. */
  filtersReset: string | null
  selectedKey: string | null
  /** Opens the snooze popover of this row (keyboard `s`). */
  snoozeMenuFor: string | null
  /** Opens the keyboard menu of this row (context-menu key, Shift+F10 or `.`). */
  rowMenuFor: string | null
  /** Groups the agent folded away. */
  collapsed: Partial<Record<GroupId, true>>
  /** The `?` keyboard help is showing. */
  helpOpen: boolean
  /** This row asks "take over from <colleague>?". */
  takeoverFor: string | null
  /** Rows of the list mounted so far (a long list mounts in steps; coming back from another view mounts them all). */
  mountedRows: number
  setView(view: PanelView): void
  setFilters(patch: Partial<Filters>): void
  /** Clears every filter on the panel's own initiative, saying why. */
  resetFilters(reason: string): void
  select(key: string | null): void
  openSnoozeMenu(key: string | null): void
  openRowMenu(key: string | null): void
  toggleGroup(group: GroupId, collapsed?: boolean): void
  showHelp(open: boolean): void
  askTakeover(key: string | null): void
}

/** The data half of the UI store as the panel opens (filters are read from storage when the store is made). */
export const INITIAL_UI = {
  view: 'chats' as PanelView,
  filters: { ...NO_FILTERS },
  filtersReset: null as string | null,
  selectedKey: null as string | null,
  snoozeMenuFor: null as string | null,
  rowMenuFor: null as string | null,
  collapsed: {} as Partial<Record<GroupId, true>>,
  helpOpen: false,
  takeoverFor: null as string | null,
  mountedRows: 0,
} satisfies Partial<UiState>

/** The UI store. */
export const useUi = create<UiState>((set) => ({
  ...INITIAL_UI,
  filters: loadFilters().filters,
  setView: (view) => set({ view }),
  setFilters: (patch) =>
    set((s) => {
      const filters = { ...s.filters, ...patch }
      saveFilters(filters, Date.now())
      return { filters, filtersReset: null }
    }),
  resetFilters: (reason) => {
    saveFilters({ ...NO_FILTERS }, Date.now())
    set({ filters: { ...NO_FILTERS }, filtersReset: reason })
  },
  select: (selectedKey) => set({ selectedKey }),
  openSnoozeMenu: (snoozeMenuFor) => set({ snoozeMenuFor, rowMenuFor: null }),
  openRowMenu: (rowMenuFor) => set({ rowMenuFor, snoozeMenuFor: null }),
  toggleGroup: (group, collapsed) =>
    set((s) => {
      const fold = collapsed ?? !s.collapsed[group]
      const { [group]: _was, ...rest } = s.collapsed
      return { collapsed: fold ? { ...rest, [group]: true } : rest }
    }),
  showHelp: (helpOpen) => set({ helpOpen }),
  askTakeover: (takeoverFor) => set({ takeoverFor, rowMenuFor: null, snoozeMenuFor: null }),
}))

/** The clock live times follow (ticked by the app every second; tests set it). */
export const useClock = create<{ now: number; tick(now: number): void }>((set) => ({
  now: Date.now(),
  tick: (now) => set({ now }),
}))

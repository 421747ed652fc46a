/** View state of the panel: current tab, filters, selection, and a one-second clock for live times. */
import { create } from 'zustand'
import type { Filters, GroupId } from '../lib/grouping'
import { loadFilters, saveFilters } from '../lib/remembered-filters'

/** Panel tabs. */
export type View = 'chats' | 'alerts' | 'settings'

/** UI state. */
export interface UiState {
  view: View
  filters: Filters
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
  setView(view: View): void
  setFilters(patch: Partial<Filters>): void
  select(key: string | null): void
  openSnoozeMenu(key: string | null): void
  openRowMenu(key: string | null): void
  toggleGroup(group: GroupId, collapsed?: boolean): void
  showHelp(open: boolean): void
  askTakeover(key: string | null): void
}

/** The UI store. */
export const useUi = create<UiState>((set) => ({
  view: 'chats',
  filters: loadFilters(),
  selectedKey: null,
  snoozeMenuFor: null,
  rowMenuFor: null,
  collapsed: {},
  helpOpen: false,
  takeoverFor: null,
  setView: (view) => set({ view }),
  setFilters: (patch) =>
    set((s) => {
      const filters = { ...s.filters, ...patch }
      saveFilters(filters)
      return { filters }
    }),
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

/** The clock live waiting times follow; only the time labels subscribe to it. */
export const useClock = create<{ now: number; tick(now: number): void }>((set) => ({
  now: Date.now(),
  tick: (now) => set({ now }),
}))

/** View state of the panel: current tab, filters, selection, and a one-second clock for live times. */
import { create } from 'zustand'
import type { Filters } from '../lib/grouping'

/** Panel tabs. */
export type View = 'chats' | 'alerts' | 'settings'

/** UI state. */
export interface UiState {
  view: View
  filters: Filters
  selectedKey: string | null
  /** Opens the snooze menu of this row (keyboard `s`). */
  snoozeMenuFor: string | null
  setView(view: View): void
  setFilters(patch: Partial<Filters>): void
  select(key: string | null): void
  openSnoozeMenu(key: string | null): void
}

/** The UI store. */
export const useUi = create<UiState>((set) => ({
  view: 'chats',
  filters: { source: 'all', scope: 'all', search: '' },
  selectedKey: null,
  snoozeMenuFor: null,
  setView: (view) => set({ view }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  select: (selectedKey) => set({ selectedKey }),
  openSnoozeMenu: (snoozeMenuFor) => set({ snoozeMenuFor }),
}))

/** The clock live waiting times follow; only the time labels subscribe to it. */
export const useClock = create<{ now: number; tick(now: number): void }>((set) => ({
  now: Date.now(),
  tick: (now) => set({ now }),
}))

/**
 * Snoozes and unsnoozes sent but not yet answered, so their rows move at once (a bulk snooze of 24 leaves
 * the group in one frame, not one row per answer). Cleared per chat as answers come back.
 */
import { create } from 'zustand'

/** Pending snooze ends by chat key (null = an unsnooze on its way). */
export interface PendingSnoozes {
  until: Record<string, number | null>
  /** Marks `keys` as being snoozed until `until` (null: unsnoozed). */
  start(keys: readonly string[], until: number | null): void
  /** Forgets the pending state of `keys` (their answers arrived). */
  settle(keys: readonly string[]): void
}

/** The pending snoozes store. */
export const usePendingSnoozes = create<PendingSnoozes>((set) => ({
  until: {},
  start: (keys, until) => set((s) => ({ until: { ...s.until, ...Object.fromEntries(keys.map((k) => [k, until])) } })),
  settle: (keys) =>
    set((s) => {
      const until = { ...s.until }
      for (const key of keys) delete until[key]
      return { until }
    }),
}))

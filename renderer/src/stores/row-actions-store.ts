/**
 * Per-row quick-action state: which action is running and why the last one failed (a failed row turns
 * red with the reason and a Retry). Keyed by chat key, so a row subscribes only to its own entry.
 */
import { create } from 'zustand'
import type { CommandError } from '../../../shared/protocol'

/** Any command outcome, as far as the row cares. */
type Outcome = { ok: true } | { ok: false; error: CommandError }

/** A failed action: what, why, when, and how to run it again. */
export interface RowFailure {
  action: string
  error: CommandError
  /** Epoch ms of the failure (the retry countdown starts here). */
  at: number
  retry(): Promise<unknown>
}

/** The action state of one row. */
export interface RowActionState {
  pending: string | null
  error: RowFailure | null
}

/** Row action states. */
export interface RowActionsState {
  rows: Record<string, RowActionState>
  /** Runs `run` as action `label` on row `key`, recording pending and failure. Resolves with the outcome. */
  perform<T extends Outcome>(key: string, label: string, run: () => Promise<T>): Promise<T>
  dismiss(key: string): void
}

/** The row actions store. */
export const useRowActions = create<RowActionsState>((set, get) => ({
  rows: {},
  async perform(key, label, run) {
    set((s) => ({ rows: { ...s.rows, [key]: { pending: label, error: null } } }))
    const outcome = await run()
    const result = outcome as Outcome
    const error = result.ok
      ? null
      : { action: label, error: result.error, at: Date.now(), retry: () => get().perform(key, label, run) }
    set((s) => ({ rows: { ...s.rows, [key]: { pending: null, error } } }))
    return outcome
  },
  dismiss: (key) =>
    set((s) => {
      const { [key]: _gone, ...rest } = s.rows
      return { rows: rest }
    }),
}))

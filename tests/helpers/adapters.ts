/** A stand-in source adapter for engine tests: every capability on unless overridden, status `ok`. */
import type { SourceAdapter } from '../../electron/core/engine/adapters'

/** Builds an adapter for `id` with the given overrides (e.g. `assign`, `snooze`, or capabilities off). */
export function fakeAdapter(id: string, overrides: Partial<SourceAdapter> = {}): SourceAdapter {
  return {
    id,
    label: id,
    capabilities: { serverSnooze: true, assign: true, setStatus: true, markRead: true },
    start: async () => {},
    stop: async () => {},
    status: () => ({ source: id, state: 'ok', message: null, warnings: [], lastOkAt: null, at: 0 }),
    ...overrides,
  }
}

/** Capabilities of a source with no actions of its own (DeskDirector). */
export const NO_CAPABILITIES = { serverSnooze: false, assign: false, setStatus: false, markRead: false }

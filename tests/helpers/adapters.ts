/** A stand-in source adapter for engine tests: every capability on unless overridden, status `ok`. */
import type { SourceAdapter, SourceIdentity } from '../../electron/core/engine/adapters'

/** Overrides of a stand-in: adapter methods, and its identity's label or capabilities. */
export type FakeAdapterOverrides = Partial<Omit<SourceAdapter, 'identity'>> &
  Partial<Pick<SourceIdentity, 'label' | 'capabilities'>>

/** Builds an adapter for `id` with the given overrides (e.g. `assign`, `me`, `snooze`, or capabilities off). */
export function fakeAdapter(id: string, overrides: FakeAdapterOverrides = {}): SourceAdapter {
  const {
    label = id,
    capabilities = { serverSnooze: true, assign: true, setStatus: true, markRead: true },
    ...rest
  } = overrides
  return {
    identity: { id, label, capabilities },
    start: async () => {},
    stop: async () => {},
    status: () => ({ source: id, state: 'ok', message: null, warnings: [], lastOkAt: null, at: 0 }),
    ...rest,
  }
}

/** Capabilities of a source with no actions of its own (DeskDirector). */
export const NO_CAPABILITIES = { serverSnooze: false, assign: false, setStatus: false, markRead: false }

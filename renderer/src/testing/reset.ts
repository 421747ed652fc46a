/** Resets every renderer store between tests. */
import { usePendingSnoozes } from '../stores/bulk-store'
import { useChrome } from '../stores/chrome-store'
import { INITIAL_PANEL, usePanelStore } from '../stores/panel-store'
import { resetPolicyForTests } from '../stores/policy-store'
import { useRowActions } from '../stores/row-actions-store'
import { NO_SECRETS, useSecrets } from '../stores/secrets-store'
import { INITIAL_UI, useUi } from '../stores/ui-store'
import { useUndo } from '../stores/undo-store'
import { TEST_SOURCES } from './fake-bridge'

/** Puts the stores back to their initial state (the shipped sources stay named, as after a runtime swap). */
export function resetStores(): void {
  usePanelStore.setState({ ...INITIAL_PANEL, sourceInfo: TEST_SOURCES })
  useRowActions.setState({ rows: {} })
  useChrome.setState({ focusField: null, pinned: null })
  useSecrets.setState({ configured: NO_SECRETS, cleared: [] })
  useUi.setState({ ...INITIAL_UI, filters: { ...INITIAL_UI.filters } })
  usePendingSnoozes.setState({ until: {} })
  // Remembered filters and the feed's "cleared at" live in localStorage; the Undo offer in its own store.
  globalThis.localStorage?.clear()
  useUndo.getState().clear()
  resetPolicyForTests()
}

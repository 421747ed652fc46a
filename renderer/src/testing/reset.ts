/** Resets every renderer store between tests. */
import { useChrome } from '../stores/chrome-store'
import { INITIAL_PANEL, usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { NO_SECRETS, useSecrets } from '../stores/secrets-store'
import { useUi } from '../stores/ui-store'
import { useUndo } from '../stores/undo-store'

/** Puts the stores back to their initial state. */
export function resetStores(): void {
  usePanelStore.setState(INITIAL_PANEL)
  useRowActions.setState({ rows: {} })
  useChrome.setState({ focusField: null, pinned: null })
  useSecrets.setState({ configured: NO_SECRETS, cleared: [] })
  useUi.setState({
    view: 'chats',
    filters: { source: 'all', scope: 'all', search: '', unreadOnly: false },
    selectedKey: null,
    snoozeMenuFor: null,
    rowMenuFor: null,
    collapsed: {},
    helpOpen: false,
    takeoverFor: null,
  })
  // Remembered filters and the feed's "cleared at" live in localStorage; the Undo offer in its own store.
  globalThis.localStorage?.clear()
  useUndo.getState().clear()
}

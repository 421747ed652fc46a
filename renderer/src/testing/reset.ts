/** Resets every renderer store between tests. */
import { useChrome } from '../stores/chrome-store'
import { INITIAL_PANEL, usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { useUi } from '../stores/ui-store'

/** Puts the stores back to their initial state. */
export function resetStores(): void {
  usePanelStore.setState(INITIAL_PANEL)
  useRowActions.setState({ rows: {} })
  useChrome.setState({ focusField: null, pinned: null })
  useUi.setState({
    view: 'chats',
    filters: { source: 'all', scope: 'all', search: '' },
    selectedKey: null,
    snoozeMenuFor: null,
  })
}

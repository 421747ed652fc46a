/** Resets every renderer store between tests. */
import { NO_FILTERS } from '../lib/grouping'
import { forgetFilters } from '../lib/remembered-filters'
import { INITIAL_PANEL, usePanelStore } from '../stores/panel-store'
import { useRowActions } from '../stores/row-actions-store'
import { useUi } from '../stores/ui-store'
import { useUndo } from '../stores/undo-store'

/** Puts the stores back to their initial state. */
export function resetStores(): void {
  forgetFilters()
  globalThis.localStorage?.clear()
  usePanelStore.setState(INITIAL_PANEL)
  useRowActions.setState({ rows: {} })
  useUndo.getState().clear()
  useUi.setState({
    view: 'chats',
    filters: { ...NO_FILTERS },
    selectedKey: null,
    snoozeMenuFor: null,
    rowMenuFor: null,
    collapsed: {},
    helpOpen: false,
    takeoverFor: null,
  })
}

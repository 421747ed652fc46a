/** The panel header: title, view tabs (with the unseen-alerts count), and the quick controls. */
import { useState } from 'react'
import { PANEL_VIEWS, type PanelView } from '../../../../shared/protocol'
import { usePanelStore } from '../../stores/panel-store'
import { useUi } from '../../stores/ui-store'
import { HeaderTools } from './HeaderTools'

const LABELS: Record<PanelView, string> = { chats: 'Chats', alerts: 'Alerts', settings: 'Settings' }
const TABS = PANEL_VIEWS.map((id) => ({ id, label: LABELS[id] }))

/** The header. */
export function PanelHeader() {
  const view = useUi((s) => s.view)
  const setView = useUi((s) => s.setView)
  const unseen = usePanelStore((s) => Object.keys(s.unseen).length)
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <header className="panel-header">
        <h1 className="visually-hidden">Chat Tray</h1>
        <nav aria-label="Views">
          {TABS.map((tab) => (
            <button
              key={tab.id}
              type="button"
              aria-current={view === tab.id ? 'page' : undefined}
              onClick={() => setView(tab.id)}
            >
              {tab.label}
              {tab.id === 'alerts' && unseen > 0 ? (
                <>
                  {' '}
                  <span className="tab-badge">
                    {unseen}
                    <span className="visually-hidden"> unseen</span>
                  </span>
                </>
              ) : null}
            </button>
          ))}
        </nav>
        <HeaderTools onError={setError} />
      </header>
      {error ? (
        <p className="chrome-error" role="alert">
          {error}
          <button type="button" className="link" onClick={() => setError(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
    </>
  )
}

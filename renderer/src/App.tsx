/** The panel: header tabs, source health, and the chats / alerts feed / settings views. */
import { AlertsFeed } from './components/AlertsFeed'
import { ChatList, useVisibleKeys } from './components/ChatList'
import { DemoBanner } from './components/DemoBanner'
import { FiltersBar } from './components/FiltersBar'
import { HealthStrip } from './components/HealthStrip'
import { Onboarding } from './components/Onboarding'
import { SettingsView } from './components/SettingsView'
import { useClockTicker, useHashView, useMainState, useTheme } from './hooks'
import { useKeyboard } from './keyboard'
import { usePanelStore } from './stores/panel-store'
import { useUi, type View } from './stores/ui-store'

const TABS: { id: View; label: string }[] = [
  { id: 'chats', label: 'Chats' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'settings', label: 'Settings' },
]

/** Root component. */
export function App() {
  useMainState()
  useClockTicker()
  useTheme()
  useHashView()
  const view = useUi((s) => s.view)
  const setView = useUi((s) => s.setView)
  const unseen = usePanelStore((s) => Object.keys(s.unseen).length)
  const needsOnboarding = usePanelStore(
    (s) =>
      s.loaded &&
      !!s.settings &&
      !s.settings.app.onboarded &&
      !s.settings.app.demo &&
      Object.values(s.sources).every((src) => src.state === 'disabled'),
  )
  const visible = useVisibleKeys()
  useKeyboard(visible, view === 'chats')
  return (
    <div className="panel">
      <header className="panel-header">
        <h1>Chat Tray</h1>
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
                <span className="tab-badge">
                  {unseen}
                  <span className="visually-hidden"> unseen</span>
                </span>
              ) : null}
            </button>
          ))}
        </nav>
      </header>
      <DemoBanner />
      <HealthStrip />
      <main className="panel-body">
        {view === 'chats' ? (
          <>
            {needsOnboarding ? <Onboarding /> : null}
            <FiltersBar />
            <ChatList />
          </>
        ) : null}
        {view === 'alerts' ? <AlertsFeed /> : null}
        {view === 'settings' ? <SettingsView /> : null}
      </main>
    </div>
  )
}

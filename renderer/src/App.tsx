/**
 * The panel: header tabs, source health (only when something is wrong), and the chats / alerts feed / settings
 * views; one live region announces new waiting chats whichever view is open.
 */
import { useRef } from 'react'
import { AlertsFeed } from './components/AlertsFeed'
import { AwayBanner } from './components/AwayBanner'
import { ChatList, useVisibleKeys } from './components/ChatList'
import { PanelHeader } from './components/chrome/PanelHeader'
import { DemoBanner } from './components/DemoBanner'
import { DesktopBanner } from './components/DesktopBanner'
import { FiltersBar } from './components/FiltersBar'
import { HealthStrip } from './components/HealthStrip'
import { NewChatAnnouncer } from './components/NewChatAnnouncer'
import { Onboarding } from './components/Onboarding'
import { SettingsView } from './components/SettingsView'
import { useClockTicker, useFocusAfterViewChange, useMainState, useTheme } from './hooks'
import { useKeyboard } from './keyboard'
import { useViewScroll } from './lib/use-view-scroll'
import { useFilterGuard } from './stores/filter-guard'
import { usePanelStore } from './stores/panel-store'
import { useUi } from './stores/ui-store'

/** Root component. */
export function App() {
  useMainState()
  useClockTicker()
  useTheme()
  useFilterGuard()
  const view = useUi((s) => s.view)
  useFocusAfterViewChange(view)
  const needsOnboarding = usePanelStore(
    (s) =>
      s.loaded &&
      !!s.settings &&
      !s.settings.app.onboarded &&
      !s.settings.app.demo &&
      Object.values(s.sources).every((src) => src.state === 'disabled'),
  )
  const body = useRef<HTMLElement>(null)
  const onScroll = useViewScroll(body, view)
  return (
    <div className="panel">
      <PanelHeader />
      <DemoBanner />
      <DesktopBanner />
      <AwayBanner />
      <HealthStrip />
      <NewChatAnnouncer />
      <ListKeys enabled={view === 'chats'} />
      <main className="panel-body" ref={body} onScroll={onScroll}>
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

/** The list's keys, in a component of their own: following the visible chats must not re-render the app. */
function ListKeys({ enabled }: { enabled: boolean }) {
  useKeyboard(useVisibleKeys(), enabled)
  return null
}

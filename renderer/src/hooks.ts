/** App-wide effects: following main's events, the one-second clock, the theme, and hash navigation. */
import { useEffect } from 'react'
import { command, onEvent } from './lib/bridge'
import { playAlertSound } from './lib/sound'
import { usePanelStore } from './stores/panel-store'
import { useClock, useUi, type View } from './stores/ui-store'

/** Loads the snapshot and applies every event; plays alert sounds. */
export function useMainState(): void {
  useEffect(() => {
    const { applyEvent, loadSnapshot, setLoadError } = usePanelStore.getState()
    const unsubscribe = onEvent((event) => {
      applyEvent(event)
      if (event.type === 'alert') playAlertSound(event.alert.sound, usePanelStore.getState().settings)
    })
    void command('snapshot.get', {}).then((outcome) => {
      if (outcome.ok) loadSnapshot(outcome.result)
      else setLoadError(outcome.error.message)
    })
    return unsubscribe
  }, [])
}

/** Ticks the clock every second (live waiting times). */
export function useClockTicker(): void {
  useEffect(() => {
    useClock.getState().tick(Date.now())
    const timer = setInterval(() => useClock.getState().tick(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
}

/** Applies the theme setting to `<html data-theme>` (system = follow the OS via CSS media queries). */
export function useTheme(): void {
  const theme = usePanelStore((s) => s.settings?.app.theme ?? 'system')
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
}

const VIEWS: View[] = ['chats', 'alerts', 'settings']

/** `#settings` (set by the tray menu) switches the view. */
export function useHashView(): void {
  useEffect(() => {
    const apply = () => {
      const view = location.hash.slice(1) as View
      if (VIEWS.includes(view)) useUi.getState().setView(view)
    }
    apply()
    window.addEventListener('hashchange', apply)
    return () => window.removeEventListener('hashchange', apply)
  }, [])
}

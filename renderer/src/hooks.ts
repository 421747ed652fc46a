/** App-wide effects: following main's events, the one-second clock, the theme, and hash navigation. */
import { useEffect } from 'react'
import { command, onEvent } from './lib/bridge'
import { playAlertSound } from './lib/sound'
import { usePanelStore } from './stores/panel-store'
import { useClock, useUi, type View } from './stores/ui-store'

/** Loads the snapshot and applies every event; plays alert sounds. `ready` (a new runtime) reloads all. */
export function useMainState(): void {
  useEffect(() => {
    const { applyEvent, loadSnapshot, setLoadError, reset } = usePanelStore.getState()
    const load = () =>
      void command('snapshot.get', {}).then((outcome) => {
        if (outcome.ok) loadSnapshot(outcome.result)
        else setLoadError(outcome.error.message)
      })
    const unsubscribe = onEvent((event) => {
      if (event.type === 'ready') {
        // Demo switched on or off: the chats, alerts and settings of the previous runtime are gone.
        reset()
        return load()
      }
      // The tray's "Settings…": main asks for a view over the protocol (never by running script in the page).
      if (event.type === 'panel.show') return useUi.getState().setView(event.view)
      applyEvent(event)
      if (event.type === 'alert') playAlertSound(event.alert.sound, usePanelStore.getState().settings)
    })
    load()
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

/** App-wide effects: following main's events, the clock, the theme, and focus after a view change. */
import { useEffect, useRef } from 'react'
import type { PanelView } from '../../shared/protocol'
import { command, onEvent } from './lib/bridge'
import { playAlertSound } from './lib/sound'
import { revealChats } from './stores/filter-guard'
import { usePanelStore } from './stores/panel-store'
import { useClock, useUi } from './stores/ui-store'

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
        reset(event.listen)
        return load()
      }
      // The tray's "Settings…", or a toast's click: main asks for a view over the protocol (never by running
      // script in the page); opened from an alert, the chats it is about are never hidden by a filter.
      if (event.type === 'panel.show') {
        useUi.getState().setView(event.view)
        if (event.chatKeys) revealChats(event.chatKeys)
        return
      }
      applyEvent(event)
      if (event.type === 'alert') playAlertSound(event.alert.sound, usePanelStore.getState().settings)
    })
    load()
    return unsubscribe
  }, [])
}

/** Ticks the clock every second (labels re-render only when their words change). */
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

/** Where focus goes in each view when a view change left it nowhere (on the page body). */
const FOCUS_TARGET: Record<PanelView, string> = {
  chats: '.chat-row[tabindex="0"], #chat-search',
  alerts: '.alerts-feed [tabindex="0"], .alerts-view button',
  settings: '.settings-nav button, .settings input',
}

/**
 * After a view change, focus that was left on the page body (the control that switched views went away) lands
 * in the new view: the list's row, the alerts feed, the first settings control.
 */
export function useFocusAfterViewChange(view: PanelView): void {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const land = () => {
      if (document.activeElement && document.activeElement !== document.body) return
      document.querySelector<HTMLElement>(FOCUS_TARGET[view])?.focus()
    }
    land()
    // The view may draw its content a moment later (settings load, the feed asks main).
    const timer = setTimeout(land, 50)
    return () => clearTimeout(timer)
  }, [view])
}

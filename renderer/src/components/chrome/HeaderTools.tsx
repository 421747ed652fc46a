/**
 * The header's quick controls: do-not-disturb (one click: on for an hour, or off), refresh every source,
 * and keep-open (pin) when the host can pin. Their failures show under the header in words. A running
 * control is aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
 */
import { useEffect, useState } from 'react'
import { command } from '../../lib/bridge'
import { clock } from '../../lib/format'
import { useChrome } from '../../stores/chrome-store'
import { usePanelStore } from '../../stores/panel-store'
import { useClock } from '../../stores/ui-store'
import { BellIcon, PinIcon, RefreshIcon } from './icons'
import './chrome.css'

/** How long the quick toggle turns do-not-disturb on for. */
export const QUICK_DND_MINUTES = 60

/** The controls and the line that reports their failures. */
export function HeaderTools({ onError }: { onError(message: string | null): void }) {
  useHostSync()
  return (
    <div className="header-tools">
      <DndPill onError={onError} />
      <RefreshButton onError={onError} />
      <PinButton onError={onError} />
    </div>
  )
}

function DndPill({ onError }: { onError(message: string | null): void }) {
  const dndUntil = usePanelStore((s) => s.dndUntil)
  const on = useClock((s) => dndUntil !== null && dndUntil > s.now)
  const [busy, setBusy] = useState(false)
  const toggle = async () => {
    if (busy) return
    setBusy(true)
    const until = on ? null : Date.now() + QUICK_DND_MINUTES * 60_000
    const outcome = await command('dnd.set', { until })
    setBusy(false)
    if (!outcome.ok) {
      return onError(`Do not disturb could not be changed: ${outcome.error.message}`)
    }
    onError(null)
    if (until !== null) return usePanelStore.setState({ dndUntil: outcome.result.until })
    // Off ends the manual DND only; outside the shift schedule alerts stay held. Ask main what is in force.
    const snap = await command('snapshot.get', {})
    const still = snap.ok ? snap.result.dndUntil : null
    usePanelStore.setState({ dndUntil: still })
    if (still !== null && still > Date.now())
      onError(`You are off shift: alerts stay held until ${clock(still)} (Settings → Shift schedule).`)
  }
  const shown = on && dndUntil ? `DND until ${clock(dndUntil)}` : 'DND'
  // The name starts with the visible words (speech control users say what they see), then spells DND out.
  const label = `${shown} (do not disturb)`
  return (
    <button
      type="button"
      className={`dnd-pill${on ? ' on' : ''}`}
      aria-pressed={on}
      aria-label={label}
      title={on ? 'Alerts are held. Click to turn do not disturb off.' : `Hold alerts for ${QUICK_DND_MINUTES} minutes`}
      aria-disabled={busy || undefined}
      onClick={() => void toggle()}
    >
      <BellIcon off={on} />
      <span>{shown}</span>
    </button>
  )
}

function RefreshButton({ onError }: { onError(message: string | null): void }) {
  const [busy, setBusy] = useState(false)
  const refresh = async () => {
    if (busy) return
    setBusy(true)
    const outcome = await command('sources.refresh', {})
    setBusy(false)
    onError(outcome.ok ? null : `Refresh failed: ${outcome.error.message}`)
  }
  return (
    <button
      type="button"
      className={`icon-button${busy ? ' busy' : ''}`}
      aria-label={busy ? 'Refreshing…' : 'Refresh all sources'}
      title="Refresh all sources (r)"
      aria-disabled={busy || undefined}
      onClick={() => void refresh()}
    >
      <RefreshIcon />
    </button>
  )
}

function PinButton({ onError }: { onError(message: string | null): void }) {
  const pinned = useChrome((s) => s.pinned)
  if (pinned === null) return null
  const toggle = async () => {
    const outcome = await command('panel.pin', { pinned: !pinned })
    if (!outcome.ok) return onError(`Could not pin the panel: ${outcome.error.message}`)
    onError(null)
    useChrome.getState().setPinned(outcome.result.pinned)
  }
  return (
    <button
      type="button"
      className={`icon-button${pinned ? ' on' : ''}`}
      aria-pressed={pinned}
      aria-label="Keep panel open"
      title={
        pinned ? 'Pinned: the panel stays open. Click to let it hide again.' : 'Keep the panel open when it loses focus'
      }
      onClick={() => void toggle()}
    >
      <PinIcon />
    </button>
  )
}

/**
 * Asks the host for its pin state at start, and again with do-not-disturb when the panel regains focus
 * (the tray menu changes both without telling the panel).
 */
function useHostSync(): void {
  useEffect(() => {
    const sync = async (withDnd: boolean) => {
      const pin = await command('panel.pin', {})
      useChrome.getState().setPinned(pin.ok && typeof pin.result.pinned === 'boolean' ? pin.result.pinned : null)
      if (!withDnd) return
      const snap = await command('snapshot.get', {})
      if (snap.ok) usePanelStore.setState({ dndUntil: snap.result.dndUntil })
    }
    void sync(false)
    const onFocus = () => void sync(true)
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [])
}

/**
 * The header's quick controls: do-not-disturb (a pill with durations: 30 minutes to tomorrow, or off), refresh every source,
 * and keep-open (pin) when the host can pin. Their failures show under the header in words. A running
 * control is aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
 */
import { useEffect, useRef, useState } from 'react'
import { tomorrowNineAm } from '../../../../shared/shifts'
import { command } from '../../lib/bridge'
import { moveFocus } from '../../lib/focus-keys'
import { timeOfDay as clock, endsAt } from '../../lib/time-format'
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

/** Do-not-disturb durations the pill offers. */
const DND_CHOICES: { label: string; until(now: number): number }[] = [
  { label: '30 minutes', until: (now) => now + 30 * 60_000 },
  { label: '1 hour', until: (now) => now + QUICK_DND_MINUTES * 60_000 },
  { label: '2 hours', until: (now) => now + 120 * 60_000 },
  { label: 'Until tomorrow', until: tomorrowNineAm },
]

function DndPill({ onError }: { onError(message: string | null): void }) {
  const dndUntil = usePanelStore((s) => s.dndUntil)
  const on = useClock((s) => dndUntil !== null && dndUntil > s.now)
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState(false)
  const menu = useRef<HTMLDivElement>(null)
  const pill = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [open])
  const close = () => {
    setOpen(false)
    pill.current?.focus()
  }
  const set = async (until: number | null) => {
    if (busy) return
    setOpen(false)
    setBusy(true)
    const outcome = await command('dnd.set', { until })
    setBusy(false)
    pill.current?.focus()
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
    <span className="dnd">
      <button
        ref={pill}
        type="button"
        className={`dnd-pill${on ? ' on' : ''}`}
        aria-pressed={on}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        title={on ? 'Alerts are held. Choose a new end, or Off.' : 'Hold alerts for a while'}
        aria-disabled={busy || undefined}
        onClick={() => (busy ? undefined : setOpen(!open))}
      >
        <BellIcon off={on} />
        <span className="dnd-text">{shown}</span>
      </button>
      {open ? (
        <div
          ref={menu}
          className="dnd-menu"
          role="menu"
          aria-label="Do not disturb"
          onKeyDown={(e) => {
            e.stopPropagation()
            if (e.key === 'Escape') {
              e.preventDefault()
              close()
            } else if (moveFocus(e.currentTarget, e.key)) e.preventDefault()
          }}
          onBlur={(e) => {
            if (e.relatedTarget && !e.currentTarget.parentElement?.contains(e.relatedTarget as Node)) setOpen(false)
          }}
        >
          {DND_CHOICES.map((choice) => {
            const until = choice.until(Date.now())
            return (
              <button key={choice.label} type="button" role="menuitem" tabIndex={-1} onClick={() => void set(until)}>
                {choice.label} <span className="snooze-end">— until {endsAt(until, Date.now())}</span>
              </button>
            )
          })}
          {on ? (
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => void set(null)}>
              Off
            </button>
          ) : null}
        </div>
      ) : null}
    </span>
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

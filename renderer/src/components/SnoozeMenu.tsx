/**
 * The snooze popover of a row (or a whole group): presets that say when they end ("Next shift — Tue
 * 09:00"), plus a custom date and time. Arrow keys move, Esc closes, and focus goes back where it came from.
 */
import { useEffect, useRef, useState } from 'react'
import type { SnoozePreset } from '../../../shared/alert'
import type { Shift } from '../../../shared/settings'
import { nextShiftStart, tomorrowNineAm } from '../../../shared/shifts'
import { moveFocus } from '../lib/focus-keys'
import { toLocalInput } from '../lib/format'
import { endsAt } from '../lib/time-format'

/** The longest an "until the customer replies" snooze holds (the engine's limit). */
const UNTIL_REPLY_MAX_MS = 7 * 86_400_000

/**
 * The presets and when each ends, for a snooze made at `now`; "until the customer replies" only where every
 * chat snoozed can tell (`replyAware`).
 */
export function presetEnds(
  now: number,
  shifts: readonly Shift[],
  replyAware = false,
): { preset: SnoozePreset; label: string; at: number; ends?: string }[] {
  const presets: { preset: SnoozePreset; label: string; at: number; ends?: string }[] = [
    { preset: '15m', label: '15 minutes', at: now + 15 * 60_000 },
    { preset: '1h', label: '1 hour', at: now + 60 * 60_000 },
    { preset: 'tomorrow', label: 'Tomorrow', at: tomorrowNineAm(now) },
    { preset: 'next-shift', label: 'Next shift', at: nextShiftStart(shifts, now) },
  ]
  if (replyAware)
    presets.push({
      preset: 'until-reply',
      label: 'Until the customer replies',
      at: now + UNTIL_REPLY_MAX_MS,
      ends: 'or a week',
    })
  return presets
}

/** Popover props: `onPick` gets a preset (and when it ends) or an epoch-ms time. */
export interface SnoozeMenuProps {
  /** "Snooze Hana" / "Snooze all 3 waiting chats". */
  label: string
  shifts: readonly Shift[]
  /** Offer "until the customer replies" (the chat's source tells when the customer writes). */
  replyAware?: boolean
  onPick(when: SnoozePreset | number, until: number): void
  /** Closed without a choice (Esc, Cancel, focus left); the opener gets focus back. */
  onClose(): void
}

/** The popover itself (rendered only while open). */
export function SnoozeMenu({ label, shifts, replyAware = false, onPick, onClose }: SnoozeMenuProps) {
  const [now] = useState(() => Date.now())
  const [custom, setCustom] = useState(() => toLocalInput(now + 2 * 3_600_000))
  const ref = useRef<HTMLDivElement>(null)
  // Whatever had focus when the popover opened (its button, or the row for `s`) gets it back.
  const [opener] = useState(() => document.activeElement)
  const dismiss = (refocus: boolean) => {
    // Opened from the row menu, the opener is gone: fall back to the row the popover belongs to.
    const row = ref.current?.closest<HTMLElement>('.chat-row')
    onClose()
    if (!refocus) return
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
    else row?.focus()
  }
  const customAt = new Date(custom).getTime()
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus({ preventScroll: true })
    // Inside the window: the whole popover scrolled into view (below a row near the bottom, or zoomed in).
    ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [])
  return (
    <div
      ref={ref}
      className="snooze-menu"
      role="dialog"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          dismiss(true)
        } else if (!(e.target instanceof HTMLInputElement) && moveFocus(e.currentTarget, e.key)) {
          e.preventDefault()
          e.stopPropagation()
        }
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget) dismiss(false)
      }}
    >
      <div className="snooze-presets">
        {presetEnds(now, shifts, replyAware).map((p) => (
          <button key={p.preset} type="button" onClick={() => onPick(p.preset, p.at)}>
            {p.label} <span className="snooze-end">— {p.ends ?? endsAt(p.at, now)}</span>
          </button>
        ))}
      </div>
      <form
        className="snooze-custom"
        onSubmit={(e) => {
          e.preventDefault()
          if (Number.isFinite(customAt)) onPick(customAt, customAt)
        }}
      >
        <label>
          Until
          <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} />
        </label>
        <button type="submit" disabled={!Number.isFinite(customAt) || customAt <= Date.now()}>
          Snooze
        </button>
        <button type="button" className="link" onClick={() => dismiss(true)}>
          Cancel
        </button>
      </form>
    </div>
  )
}

/** The snooze menu of a row: presets plus a custom date and time. */
import { useState } from 'react'
import type { SnoozePreset } from '../../../shared/alert'
import { toLocalInput } from '../lib/format'

const PRESETS: { preset: SnoozePreset; label: string }[] = [
  { preset: '15m', label: '15 minutes' },
  { preset: '1h', label: '1 hour' },
  { preset: 'next-shift', label: 'Next shift' },
]

/** Menu props: `onPick` gets a preset or an epoch-ms time. */
export interface SnoozeMenuProps {
  chatLabel: string
  onPick(when: SnoozePreset | number): void
  onClose(): void
}

/** The menu itself (rendered only while open). */
export function SnoozeMenu({ chatLabel, onPick, onClose }: SnoozeMenuProps) {
  const [custom, setCustom] = useState(() => toLocalInput(Date.now() + 2 * 3_600_000))
  const customAt = new Date(custom).getTime()
  return (
    <div className="snooze-menu" role="menu" aria-label={`Snooze ${chatLabel}`}>
      {PRESETS.map((p, i) => (
        <button
          key={p.preset}
          type="button"
          role="menuitem"
          // biome-ignore lint/a11y/noAutofocus: the menu opened from the keyboard must take focus
          autoFocus={i === 0}
          onClick={() => onPick(p.preset)}
        >
          {p.label}
        </button>
      ))}
      <form
        className="snooze-custom"
        onSubmit={(e) => {
          e.preventDefault()
          if (Number.isFinite(customAt)) onPick(customAt)
        }}
      >
        <label>
          Until
          <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} />
        </label>
        <button type="submit" disabled={!Number.isFinite(customAt) || customAt <= Date.now()}>
          Snooze
        </button>
      </form>
      <button type="button" className="link" onClick={onClose}>
        Cancel
      </button>
    </div>
  )
}

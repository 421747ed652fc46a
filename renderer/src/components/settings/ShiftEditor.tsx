/**
 * The weekly shift schedule (`alerts.shifts`) and "do not disturb outside my shifts" (`alerts.scheduleDnd`).
 * Rows are edited locally and saved whole. Times are picked in quarter hours and shown in the locale's own
 * format (the same as every other time in the panel), and a row fits the 420 px panel.
 */
import { useEffect, useState } from 'react'
import type { Settings, Shift } from '../../../../shared/settings'
import { clockOfDay, weekdayShort } from '../../lib/time-format'
import { LockedNote, SaveNote, Toggle, useLocked } from './fields'
import { useSave } from './use-save'

/** Day names, index = `Shift.day` (0 = Sunday). */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

const WEEKDAYS: Shift[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }))

/** The editor. */
export function ShiftEditor({ settings }: { settings: Settings }) {
  const { shifts, scheduleDnd } = settings.alerts
  const { save, state } = useSave()
  const locked = useLocked({ alerts: { shifts } })
  const [draft, setDraft] = useState<Shift[]>(shifts)
  useEffect(() => setDraft(shifts), [shifts])
  const commit = async (next: Shift[]) => {
    setDraft(next)
    // Without shifts the schedule cannot say when DND ends; turn it off with the last shift.
    const patch = next.length === 0 ? { shifts: next, scheduleDnd: false } : { shifts: next }
    if (!(await save({ alerts: patch }))) setDraft(shifts)
  }
  const change = (index: number, part: Partial<Shift>) =>
    draft.map((shift, i) => (i === index ? { ...shift, ...part } : shift))
  return (
    <fieldset className="shift-editor" id="section-shifts" tabIndex={-1} disabled={locked}>
      <legend>Shift schedule</legend>
      <LockedNote locked={locked} />
      {draft.length === 0 ? (
        <p className="hint">
          No shifts yet. Add your working hours to snooze “until next shift” and to stay quiet off shift.
        </p>
      ) : (
        <ul className="shifts" aria-label="Shifts">
          {draft.map((shift, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: shifts have no id and rows hold no state of their own
            <li key={index} className="shift">
              <label>
                <span className="visually-hidden">Shift {index + 1} day</span>
                <select value={shift.day} onChange={(e) => void commit(change(index, { day: Number(e.target.value) }))}>
                  {DAY_NAMES.map((name, day) => (
                    <option key={name} value={day} aria-label={name}>
                      {weekdayShort(day)}
                    </option>
                  ))}
                </select>
              </label>
              <TimeSelect
                label={`Shift ${index + 1} starts`}
                value={shift.start}
                onChange={(start) => void commit(change(index, { start }))}
              />
              <span aria-hidden="true">–</span>
              <TimeSelect
                label={`Shift ${index + 1} ends`}
                value={shift.end}
                onChange={(end) => void commit(change(index, { end }))}
              />
              <button
                type="button"
                className="link"
                aria-label={`Remove shift ${index + 1} (${DAY_NAMES[shift.day]})`}
                onClick={() => void commit(draft.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-buttons">
        <button type="button" onClick={() => void commit([...draft, nextShift(draft)])}>
          Add shift
        </button>
        {draft.length === 0 ? (
          <button type="button" onClick={() => void commit(WEEKDAYS)}>
            Add Monday–Friday {clockOfDay('09:00')}–{clockOfDay('17:00')}
          </button>
        ) : null}
      </div>
      <span className="hint">An end at or before the start runs past midnight.</span>
      <SaveNote state={state} />
      {draft.length > 0 ? (
        <Toggle
          label="Do not disturb outside my shifts"
          value={scheduleDnd}
          patch={(v) => ({ alerts: { scheduleDnd: v } })}
          hint="Alerts raised off shift are held and arrive as one summary when your next shift starts"
        />
      ) : null}
    </fieldset>
  )
}

/** A new row: the day after the last shift, same hours (Monday 9–17 for the first). */
function nextShift(shifts: Shift[]): Shift {
  const last = shifts.at(-1)
  if (!last) return { day: 1, start: '09:00', end: '17:00' }
  return { day: (last.day + 1) % 7, start: last.start, end: last.end }
}

/** Every quarter hour of the day, plus "24:00" (an end at midnight). */
const QUARTERS: string[] = [
  ...Array.from(
    { length: 96 },
    (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
  ),
  '24:00',
]

/** A time of day picker; a saved time off the quarter-hour grid stays selectable. */
function TimeSelect({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  const options = QUARTERS.includes(value) ? QUARTERS : [...QUARTERS, value].sort()
  return (
    <label>
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((time) => (
          <option key={time} value={time}>
            {clockOfDay(time)}
          </option>
        ))}
      </select>
    </label>
  )
}

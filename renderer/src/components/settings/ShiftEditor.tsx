/**
 * The weekly shift schedule (`alerts.shifts`) and "do not disturb outside my shifts" (`alerts.scheduleDnd`).
 * Rows are edited locally and saved whole, so a half-typed time never reaches main.
 */
import { useEffect, useState } from 'react'
import type { Settings, Shift } from '../../../../shared/settings'
import { FieldError, Toggle } from './fields'
import { useSave } from './use-save'

/** Day names, index = `Shift.day` (0 = Sunday). */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

const WEEKDAYS: Shift[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }))

/** The editor. */
export function ShiftEditor({ settings }: { settings: Settings }) {
  const { shifts, scheduleDnd } = settings.alerts
  const { save, error } = useSave()
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
    <fieldset className="shift-editor" id="section-shifts" tabIndex={-1}>
      <legend>Shift schedule</legend>
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
                    <option key={name} value={day}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="visually-hidden">Shift {index + 1} starts</span>
                <input
                  type="time"
                  value={shift.start}
                  onChange={(e) => setDraft(change(index, { start: e.target.value }))}
                  onBlur={() => void commit(draft)}
                />
              </label>
              <span aria-hidden="true">–</span>
              <label>
                <span className="visually-hidden">Shift {index + 1} ends</span>
                <input
                  type="time"
                  value={shift.end}
                  onChange={(e) => setDraft(change(index, { end: e.target.value }))}
                  onBlur={() => void commit(draft)}
                />
              </label>
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
            Add Monday–Friday 9:00–17:00
          </button>
        ) : null}
      </div>
      <span className="hint">An end at or before the start runs past midnight.</span>
      <FieldError error={error} />
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

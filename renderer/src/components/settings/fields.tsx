/** Settings inputs that save themselves (on change for toggles/selects, on blur for text and numbers). */
import { type ReactNode, useEffect, useId, useState } from 'react'
import type { SettingsPatch } from '../../../../shared/settings'
import { useSave } from './use-save'

interface FieldProps<T> {
  label: string
  value: T
  patch(value: T): SettingsPatch
  hint?: ReactNode
}

/** A save or validation error under a field, announced to screen readers; nothing when there is none. */
export function FieldError({ id, error }: { id?: string; error: string | null }) {
  return error ? (
    <span id={id} className="field-error" role="alert">
      {error}
    </span>
  ) : null
}

/** A checkbox. */
export function Toggle({ label, value, patch, hint }: FieldProps<boolean>) {
  const { save, error } = useSave()
  const errId = useId()
  // Optimistic: the box follows the click at once and returns to main's value if the save is refused.
  const [checked, setChecked] = useState(value)
  useEffect(() => setChecked(value), [value])
  const toggle = async (next: boolean) => {
    setChecked(next)
    if (!(await save(patch(next)))) setChecked(value)
  }
  return (
    <div className="field">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => void toggle(e.target.checked)} /> {label}
      </label>
      {hint ? <span className="hint">{hint}</span> : null}
      <FieldError id={errId} error={error} />
    </div>
  )
}

/** A select of fixed options. */
export function Choice<T extends string>({ label, value, patch, options }: FieldProps<T> & { options: [T, string][] }) {
  const { save, error } = useSave()
  const errId = useId()
  return (
    <div className="field">
      <label>
        {label}
        <select value={value} onChange={(e) => void save(patch(e.target.value as T))}>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <FieldError id={errId} error={error} />
    </div>
  )
}

/** A text or number input saved on blur (Enter blurs too). Empty text saves `null` when `nullable`. */
export function TextInput<T extends string | number | null>({
  label,
  value,
  patch,
  hint,
  type = 'text',
}: FieldProps<T> & { type?: 'text' | 'number' | 'url' }) {
  const { save, error } = useSave()
  const errId = useId()
  const [draft, setDraft] = useState(value === null ? '' : String(value))
  useEffect(() => setDraft(value === null ? '' : String(value)), [value])
  const commit = () => {
    const next = (type === 'number' ? Number(draft) : draft === '' && value === null ? null : draft) as T
    if (next !== value) void save(patch(next))
  }
  return (
    <div className="field">
      <label>
        {label}
        <input
          type={type}
          value={draft}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur()
          }}
        />
      </label>
      {hint ? <span className="hint">{hint}</span> : null}
      <FieldError id={errId} error={error} />
    </div>
  )
}

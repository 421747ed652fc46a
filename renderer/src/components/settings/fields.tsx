/**
 * Settings inputs that save themselves (on change for toggles/selects, on blur for text and numbers) and
 * say so: "Saved", or why not. Each has the DOM id of its settings path, so "Go to field" can focus it.
 */
import { type ReactNode, useEffect, useId, useState } from 'react'
import type { SettingsPatch } from '../../../../shared/settings'
import { numberProblem, numberRule } from '../../lib/settings-rules'
import { fieldId } from '../../stores/chrome-store'
import { patchIsLocked, usePolicy } from '../../stores/policy-store'
import { type SaveState, useSave } from './use-save'
import './settings.css'

interface FieldProps<T> {
  label: string
  value: T
  patch(value: T): SettingsPatch
  hint?: ReactNode
  /** Settings path ("helpcrunch.pollSeconds"): the input's id and, for numbers, its allowed range. */
  path?: string
}

/** A save or validation error under a field, announced to screen readers; nothing when there is none. */
export function FieldError({ id, error }: { id?: string; error: string | null }) {
  return error ? (
    <span id={id} className="field-error" role="alert">
      {error}
    </span>
  ) : null
}

const NOTHING_LOCKED: readonly string[] = []

/** True when the machine policy locks what the field changes: it is then shown disabled, saying why. */
export function useLocked(patch: SettingsPatch): boolean {
  return patchIsLocked(
    patch,
    usePolicy((s) => s.policy?.locked ?? NOTHING_LOCKED),
  )
}

/** Why a field cannot be changed; nothing when it can. */
export function LockedNote({ locked }: { locked: boolean }) {
  return locked ? <span className="hint locked-note">Locked by your organisation's policy.</span> : null
}

/** The outcome of a field's last save: its error, or a quiet "Saved". */
export function SaveNote({ id, state }: { id?: string; state: SaveState }) {
  if (state.kind === 'error') return <FieldError id={id} error={state.message} />
  return state.kind === 'saved' ? (
    <span className="saved-text" role="status">
      Saved
    </span>
  ) : null
}

/** A checkbox. */
export function Toggle({ label, value, patch, hint, path }: FieldProps<boolean>) {
  const { save, state } = useSave()
  const errId = useId()
  const locked = useLocked(patch(value))
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
        <input
          id={path ? fieldId(path) : undefined}
          type="checkbox"
          checked={checked}
          disabled={locked}
          onChange={(e) => void toggle(e.target.checked)}
        />{' '}
        {label}
        <SaveNote id={errId} state={state} />
      </label>
      {hint ? <span className="hint">{hint}</span> : null}
      <LockedNote locked={locked} />
    </div>
  )
}

/** A select of fixed options. */
export function Choice<T extends string>({
  label,
  value,
  patch,
  options,
  path,
}: FieldProps<T> & { options: [T, string][] }) {
  const { save, state } = useSave()
  const errId = useId()
  const locked = useLocked(patch(value))
  return (
    <div className="field">
      <label>
        {label}
        <select
          id={path ? fieldId(path) : undefined}
          value={value}
          disabled={locked}
          onChange={(e) => void save(patch(e.target.value as T))}
        >
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <LockedNote locked={locked} />
      <SaveNote id={errId} state={state} />
    </div>
  )
}

/**
 * A text or number input saved on blur (Enter blurs too). Empty text saves `null` when `nullable`. A value
 * outside the allowed range, or refused by main, stays in the field as typed (nothing is lost), marked invalid,
 * with a message that says why and which value is still in force.
 */
export function TextInput<T extends string | number | null>({
  label,
  value,
  patch,
  hint,
  path,
  type = 'text',
}: FieldProps<T> & { type?: 'text' | 'number' | 'url' }) {
  const shown = value === null ? '' : String(value)
  const rule = path && type === 'number' ? numberRule(path) : undefined
  const kept = shown === '' ? '' : ` Not saved: ${shown}${rule?.unit ?? ''} still applies.`
  const { save, fail, state } = useSave(kept)
  const errId = useId()
  const locked = useLocked(patch(value))
  const [draft, setDraft] = useState(shown)
  useEffect(() => setDraft(shown), [shown])
  const commit = async () => {
    const next = (type === 'number' ? Number(draft) : draft === '' && value === null ? null : draft) as T
    if (next === value) return
    const problem =
      rule && typeof next === 'number' ? numberProblem(rule, draft.trim() === '' ? Number.NaN : next) : null
    if (problem) return fail(`${problem}${kept}`)
    await save(patch(next))
  }
  const error = state.kind === 'error'
  return (
    <div className="field">
      <label>
        {label}
        <input
          id={path ? fieldId(path) : undefined}
          type={type}
          value={draft}
          disabled={locked}
          min={rule?.min}
          max={rule?.max}
          step={rule ? 1 : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur()
          }}
        />
      </label>
      {hint ? <span className="hint">{hint}</span> : null}
      <LockedNote locked={locked} />
      <SaveNote id={errId} state={state} />
    </div>
  )
}

/**
 * A write-only secret: the value goes to main and is never read back; only "configured" is shown. Typed
 * characters stay masked (the multi-line secrets too) unless the agent chooses Show.
 */
import { useState } from 'react'
import type { SecretName } from '../../../../shared/settings'
import { command } from '../../lib/bridge'
import { fieldId } from '../../stores/chrome-store'
import { FieldError } from './fields'

/** Props: the secret and whether main says it is configured. */
export interface SecretFieldProps {
  name: SecretName
  label: string
  configured: boolean
  multiline?: boolean
  /** Why main removed the secret on its own, shown until a new value is saved. */
  removedBecause?: string
  onChanged(configured: boolean): void
}

/** The field. */
export function SecretField({ name, label, configured, multiline, removedBecause, onChanged }: SecretFieldProps) {
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [shown, setShown] = useState(false)
  const [saved, setSaved] = useState(false)
  const id = fieldId(name)
  const store = async (next: string | null) => {
    const outcome = await command('secrets.set', { name, value: next })
    if (!outcome.ok) return setError(outcome.error.message)
    setError(null)
    setValue('')
    setShown(false)
    setSaved(true)
    onChanged(outcome.result.configured)
  }
  const props = {
    id,
    value,
    autoComplete: 'off',
    spellCheck: false,
    placeholder: configured ? 'Saved — type to replace' : 'Not set',
    onChange: (e: { target: { value: string } }) => {
      setValue(e.target.value)
      setSaved(false)
    },
  }
  return (
    <div className="field secret">
      <label htmlFor={id}>
        {label} <span className={configured ? 'ok-text' : 'muted'}>{configured ? '(saved)' : '(not set)'}</span>
      </label>
      {multiline ? (
        <textarea rows={2} className={shown ? undefined : 'masked'} {...props} />
      ) : (
        <input type={shown ? 'text' : 'password'} {...props} />
      )}
      <div className="inline-buttons">
        <button type="button" disabled={value.trim() === ''} onClick={() => void store(value.trim())}>
          Save
        </button>
        <button
          type="button"
          className="link"
          aria-pressed={shown}
          aria-label={`Show ${label}`}
          disabled={value === ''}
          onClick={() => setShown(!shown)}
        >
          Show
        </button>
        {configured ? (
          <button type="button" className="link" onClick={() => void store(null)}>
            Remove
          </button>
        ) : null}
        {saved ? (
          <span role="status" className="saved-text">
            Saved
          </span>
        ) : null}
      </div>
      {removedBecause && !configured ? (
        <p className="secret-removed" role="status">
          {removedBecause}
        </p>
      ) : null}
      <FieldError error={error} />
    </div>
  )
}

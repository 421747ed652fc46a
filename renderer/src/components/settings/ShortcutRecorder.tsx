/**
 * The global shortcut, recorded from a key press (no free typing, so no "Ctrl+Banana+"), saved, then
 * checked with the desktop shell: it reports whether the OS registered it. A refused one is not left in
 * settings: they go back to the shortcut that is still active, and the agent is told.
 */
import { type KeyboardEvent, useId, useState } from 'react'
import { describeAccelerator, recordKey } from '../../lib/accelerator'
import { command } from '../../lib/bridge'
import { fieldId } from '../../stores/chrome-store'
import { usePanelStore } from '../../stores/panel-store'
import { LockedNote, useLocked } from './fields'

type Note = { tone: 'ok' | 'error' | 'info'; text: string } | null

/** The recorder. */
export function ShortcutRecorder({ value }: { value: string | null }) {
  const platform = window.chatTray?.platform ?? 'linux'
  const [recording, setRecording] = useState(false)
  const [note, setNote] = useState<Note>(null)
  const noteId = useId()
  const locked = useLocked({ app: { globalShortcut: value } })
  const words = (acc: string) => describeAccelerator(acc, platform)

  const save = async (accelerator: string | null): Promise<boolean> => {
    const outcome = await command('settings.update', { patch: { app: { globalShortcut: accelerator } } })
    if (!outcome.ok) {
      setNote({ tone: 'error', text: `Not saved: ${outcome.error.message}` })
      return false
    }
    usePanelStore.getState().setSettings(outcome.result.settings)
    return true
  }

  const apply = async (accelerator: string | null) => {
    setRecording(false)
    if (!(await save(accelerator))) return
    if (accelerator === null) return setNote({ tone: 'info', text: 'Saved: no global shortcut.' })
    const status = await command('shortcut.status', {})
    if (!status.ok)
      return setNote({
        tone: 'info',
        text:
          status.error.code === 'unsupported'
            ? 'Saved. This window cannot register shortcuts; the desktop app registers it.'
            : `Saved, but its registration could not be checked: ${status.error.message}`,
      })
    const { active } = status.result
    if (active === accelerator) return setNote({ tone: 'ok', text: `Saved: ${words(accelerator)} opens the panel.` })
    await save(active)
    setNote({
      tone: 'error',
      text: `The system refused ${words(accelerator)} (another app may use it). ${
        active ? `${words(active)} still opens the panel.` : 'No shortcut is active.'
      }`,
    })
  }

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return setRecording(false)
    e.preventDefault()
    if (e.key === 'Escape') {
      setRecording(false)
      return setNote(null)
    }
    const result = recordKey(e, platform)
    if (result.kind === 'invalid') setNote({ tone: 'error', text: result.message })
    if (result.kind === 'ok') void apply(result.accelerator)
  }

  return (
    <div className="field">
      <span>Global shortcut</span>
      <div className="inline-buttons">
        <span className="shortcut-value">{value ? words(value) : 'None'}</span>
        <button
          id={fieldId('app.globalShortcut')}
          type="button"
          className={`shortcut-recorder${recording ? ' recording' : ''}`}
          disabled={locked}
          aria-describedby={note ? noteId : undefined}
          onClick={() => {
            setNote(null)
            setRecording(!recording)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
        >
          {recording ? 'Press the new shortcut… (Esc cancels)' : 'Record new shortcut'}
        </button>
        {value ? (
          <button type="button" className="link" disabled={locked} onClick={() => void apply(null)}>
            Turn off
          </button>
        ) : null}
      </div>
      <LockedNote locked={locked} />
      {note ? (
        <span
          id={noteId}
          role={note.tone === 'error' ? 'alert' : 'status'}
          className={note.tone === 'error' ? 'field-error' : note.tone === 'ok' ? 'saved-text' : 'hint'}
        >
          {note.text}
        </span>
      ) : null}
    </div>
  )
}

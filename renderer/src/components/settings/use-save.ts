/**
 * Saves one settings patch and remembers the outcome for the field: the last error (in words, see
 * `humanSettingsError`) or "saved", so auto-save says what it did. Secrets main cleared because of the
 * change are passed on, so their fields say so.
 */
import { useState } from 'react'
import type { SettingsPatch } from '../../../../shared/settings'
import { command } from '../../lib/bridge'
import { humanSettingsError } from '../../lib/settings-rules'
import { usePanelStore } from '../../stores/panel-store'
import { useSecrets } from '../../stores/secrets-store'

/** Outcome of the field's last save. */
export type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string }

/**
 * Returns `save(patch)`, `fail(message)` (a refusal found before saving), and the last outcome. `afterError`
 * is appended to a refusal (e.g. " Kept 15 seconds.").
 */
export function useSave(afterError = ''): {
  save(patch: SettingsPatch): Promise<boolean>
  fail(message: string): void
  error: string | null
  state: SaveState
} {
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  return {
    state,
    error: state.kind === 'error' ? state.message : null,
    fail: (message) => setState({ kind: 'error', message }),
    async save(patch) {
      const outcome = await command('settings.update', { patch: patch as Record<string, unknown> })
      if (!outcome.ok) {
        setState({ kind: 'error', message: `${humanSettingsError(outcome.error.message)}${afterError}` })
        return false
      }
      setState({ kind: 'saved' })
      usePanelStore.getState().setSettings(outcome.result.settings)
      const cleared = outcome.result.clearedSecrets ?? []
      if (cleared.length > 0) await useSecrets.getState().clearedByMain(cleared)
      return true
    },
  }
}

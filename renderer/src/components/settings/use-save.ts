/** Saves one settings patch and remembers the error of the last failed save (shown next to the field). */
import { useState } from 'react'
import type { SettingsPatch } from '../../../../shared/settings'
import { command } from '../../lib/bridge'
import { usePanelStore } from '../../stores/panel-store'

/** Returns `save(patch)` and the last error message for this field. */
export function useSave(): { save(patch: SettingsPatch): Promise<boolean>; error: string | null } {
  const [error, setError] = useState<string | null>(null)
  return {
    error,
    async save(patch) {
      const outcome = await command('settings.update', { patch: patch as Record<string, unknown> })
      if (!outcome.ok) {
        setError(outcome.error.message)
        return false
      }
      setError(null)
      usePanelStore.getState().setSettings(outcome.result.settings)
      return true
    },
  }
}

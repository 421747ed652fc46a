/** State of the panel's chrome: which settings field to bring into view, and the pin (when the host has one). */
import { create } from 'zustand'
import { useUi } from './ui-store'

/** Chrome state. */
export interface ChromeState {
  /** Settings path ("helpcrunch.pollSeconds") to focus once the settings view is drawn. */
  focusField: string | null
  /** Pinned (stays open on blur); null = this host cannot pin. */
  pinned: boolean | null
  goToField(path: string): void
  fieldFocused(): void
  setPinned(pinned: boolean | null): void
}

/** The chrome store. */
export const useChrome = create<ChromeState>((set) => ({
  focusField: null,
  pinned: null,
  goToField: (path) => {
    set({ focusField: path })
    useUi.getState().setView('settings')
  },
  fieldFocused: () => set({ focusField: null }),
  setPinned: (pinned) => set({ pinned }),
}))

/** DOM id of the input of settings path `path` (what "Go to field" focuses). */
export function fieldId(path: string): string {
  return `setting-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`
}

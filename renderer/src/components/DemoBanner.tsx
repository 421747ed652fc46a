/**
 * Marks demo data unmistakably: while the simulated help desks run (settings say demo, or any chat is a
 * demo chat) a banner sits above everything, with a one-click way back to the real sources.
 */
import { useState } from 'react'
import { command } from '../lib/bridge'
import { usePanelStore } from '../stores/panel-store'

/** True while the panel shows demo data. */
export function useDemoActive(): boolean {
  return usePanelStore((s) => !!s.settings?.app.demo || Object.values(s.chats).some((c) => c.demo === true))
}

/** The banner (renders nothing outside demo mode). */
export function DemoBanner() {
  const active = useDemoActive()
  const [leaving, setLeaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!active) return null
  const leave = async () => {
    setLeaving(true)
    const outcome = await command('settings.update', { patch: { app: { demo: false } } })
    setLeaving(false)
    if (!outcome.ok) return setError(outcome.error.message)
    setError(null)
    usePanelStore.getState().setSettings(outcome.result.settings)
  }
  return (
    <section className="demo-banner" aria-label="Demo data">
      <span className="demo-badge">Demo data</span>
      <span className="demo-text">All chats here are simulated.</span>
      <button type="button" disabled={leaving} onClick={() => void leave()}>
        {leaving ? 'Leaving…' : 'Leave demo'}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          Could not leave demo: {error}
        </p>
      ) : null}
    </section>
  )
}

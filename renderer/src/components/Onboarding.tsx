/** First run: nothing configured yet, so offer the demo data or the settings. */
import { command } from '../lib/bridge'
import { usePanelStore } from '../stores/panel-store'
import { connect } from './EmptyState'

/** The onboarding card. */
export function Onboarding() {
  const finish = async (patch: { demo: boolean }) => {
    const outcome = await command('settings.update', { patch: { app: { onboarded: true, ...patch } } })
    if (outcome.ok) usePanelStore.getState().setSettings(outcome.result.settings)
  }
  return (
    <section className="onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">Welcome to Chat Tray</h2>
      <p>
        Chat Tray watches HelpCrunch and DeskDirector and tells you when a customer waits. Nothing is connected yet.
      </p>
      <div className="inline-buttons">
        <button type="button" className="primary" onClick={() => void finish({ demo: true })}>
          Try it with demo data
        </button>
        <button
          type="button"
          onClick={() => {
            void finish({ demo: false })
            connect(Object.values(usePanelStore.getState().sources))
          }}
        >
          Connect my help desks
        </button>
      </div>
    </section>
  )
}

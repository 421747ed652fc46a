/**
 * The settings view: the agent's own sections first (alerts, do-not-disturb, shifts, sound, app), then the
 * connections an admin sets up once (help desks, webhooks, team hub, diagnostics), folded until needed — "Go to
 * field" and the section links unfold them. Secrets are write-only.
 */
import { useEffect } from 'react'
import { fieldId, useChrome } from '../stores/chrome-store'
import { usePanelStore } from '../stores/panel-store'
import { usePolicy } from '../stores/policy-store'
import { useSecrets } from '../stores/secrets-store'
import { AlertSettings } from './settings/AlertSettings'
import { ConnectionSettings } from './settings/ConnectionSettings'
import { SectionNav } from './settings/SectionNav'
import { SetupCheck } from './settings/SetupCheck'
import { TeamHubSettings } from './settings/TeamHubSettings'

/** The view. */
export function SettingsView() {
  const settings = usePanelStore((s) => s.settings)
  const secrets = useSecrets((s) => s.configured)
  const cleared = useSecrets((s) => s.cleared)
  const demo = settings?.app.demo ?? false
  // biome-ignore lint/correctness/useExhaustiveDependencies: demo on or off swaps the secrets main holds; ask again.
  useEffect(() => {
    void useSecrets.getState().load()
  }, [demo])
  useEffect(() => {
    void usePolicy.getState().load()
  }, [])
  useFocusField(settings !== null)
  // Unfolded from the start while a source still needs setting up (or a key was removed): that is the agent's task now.
  const adminOpen =
    usePanelStore((s) =>
      Object.values(s.sources).some((src) => src.state === 'disabled' || src.state === 'auth-failed'),
    ) ||
    cleared.length > 0 ||
    undefined
  if (!settings)
    return (
      <p className="empty" role="status">
        Loading settings…
      </p>
    )
  return (
    <form className="settings" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
      <SectionNav />
      {demo ? (
        <p className="demo-note">
          You are looking at demo data: the connections below belong to the simulated help desks, and changes to them
          last until you leave the demo. Your own settings and keys are kept and come back when you leave.
        </p>
      ) : null}
      <AlertSettings settings={settings} />
      <details className="admin-settings" id="section-admin" open={adminOpen}>
        <summary>Connections and team (set up once)</summary>
        <ConnectionSettings
          settings={settings}
          secrets={secrets}
          cleared={cleared}
          onSecretChanged={(name, configured) => useSecrets.getState().changed(name, configured)}
        />
        <TeamHubSettings
          settings={settings}
          secrets={secrets}
          onSecretChanged={(name, configured) => useSecrets.getState().changed(name, configured)}
        />
        <SetupCheck />
      </details>
    </form>
  )
}

/** Opens the folded section holding `element`, so it can be seen and focused. */
export function unfold(element: Element): void {
  const details = element.closest('details')
  if (details && !details.open) details.open = true
}

/** Brings the field "Go to field" asked for into view and focuses it, once the form is drawn. */
function useFocusField(drawn: boolean): void {
  const path = useChrome((s) => s.focusField)
  useEffect(() => {
    if (!path || !drawn) return
    const field = document.getElementById(fieldId(path))
    if (!field) return
    unfold(field)
    field.scrollIntoView?.({ block: 'center' })
    field.focus({ preventScroll: true })
    useChrome.getState().fieldFocused()
  }, [path, drawn])
}

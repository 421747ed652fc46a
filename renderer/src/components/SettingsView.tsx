/** The settings view: connections, the team hub, alerts and app preferences. Secrets are write-only. */
import { useEffect } from 'react'
import { fieldId, useChrome } from '../stores/chrome-store'
import { usePanelStore } from '../stores/panel-store'
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
  useFocusField(settings !== null)
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
      <AlertSettings settings={settings} />
    </form>
  )
}

/** Brings the field "Go to field" asked for into view and focuses it, once the form is drawn. */
function useFocusField(drawn: boolean): void {
  const path = useChrome((s) => s.focusField)
  useEffect(() => {
    if (!path || !drawn) return
    const field = document.getElementById(fieldId(path))
    if (!field) return
    field.scrollIntoView?.({ block: 'center' })
    field.focus({ preventScroll: true })
    useChrome.getState().fieldFocused()
  }, [path, drawn])
}

/** The settings view: connections, alerts and app preferences. Secrets are write-only. */
import { useEffect, useState } from 'react'
import { SECRET_NAMES } from '../../../shared/settings'
import { command } from '../lib/bridge'
import { usePanelStore } from '../stores/panel-store'
import { AlertSettings } from './settings/AlertSettings'
import { ConnectionSettings, type SecretStatus } from './settings/ConnectionSettings'

const NONE = Object.fromEntries(SECRET_NAMES.map((n) => [n, false])) as SecretStatus

/** The view. */
export function SettingsView() {
  const settings = usePanelStore((s) => s.settings)
  const [secrets, setSecrets] = useState<SecretStatus>(NONE)
  useEffect(() => {
    void command('secrets.status', {}).then((o) => {
      if (o.ok) setSecrets(o.result.configured)
    })
  }, [])
  if (!settings)
    return (
      <p className="empty" role="status">
        Loading settings…
      </p>
    )
  return (
    <form className="settings" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
      <ConnectionSettings
        settings={settings}
        secrets={secrets}
        onSecretChanged={(name, configured) => setSecrets((s) => ({ ...s, [name]: configured }))}
      />
      <AlertSettings settings={settings} />
    </form>
  )
}

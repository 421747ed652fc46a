/** HelpCrunch key, connection test and agent picker; DeskDirector site; listener and webhook secrets. */
import { useEffect, useState } from 'react'
import type { AgentRef } from '../../../../shared/chat'
import type { SecretName, Settings, SettingsPatch } from '../../../../shared/settings'
import { command } from '../../lib/bridge'
import { fieldId } from '../../stores/chrome-store'
import { usePanelStore } from '../../stores/panel-store'
import type { SecretStatus } from '../../stores/secrets-store'
import { LockedNote, SaveNote, TextInput, Toggle, useLocked } from './fields'
import { SecretField, type SecretFieldProps } from './SecretField'
import { useSave } from './use-save'

export type { SecretStatus }

/** Props of the connection sections. */
export interface ConnectionSettingsProps {
  settings: Settings
  secrets: SecretStatus
  /** Secrets main removed after a settings change (their fields say why). */
  cleared: readonly SecretName[]
  onSecretChanged(name: SecretName, configured: boolean): void
}

/** The props that tie a secret's field to the view's status and change handler, naming the secret once. */
export function secretBinding(
  name: SecretName,
  { secrets, onSecretChanged }: Pick<ConnectionSettingsProps, 'secrets' | 'onSecretChanged'>,
): Pick<SecretFieldProps, 'name' | 'configured' | 'onChanged'> {
  return { name, configured: secrets[name], onChanged: (configured) => onSecretChanged(name, configured) }
}

/** A text field's settings path, value and patch from its section and key, named once. */
function settingBinding<S extends keyof Settings, K extends keyof Settings[S] & string>(
  settings: Settings,
  section: S,
  key: K,
): { path: string; value: Settings[S][K]; patch(value: Settings[S][K]): SettingsPatch } {
  return {
    path: `${section}.${key}`,
    value: settings[section][key],
    patch: (value) => ({ [section]: { [key]: value } }) as SettingsPatch,
  }
}

/** The sections. */
export function ConnectionSettings({ settings, secrets, cleared, onSecretChanged }: ConnectionSettingsProps) {
  const bound = { secrets, onSecretChanged }
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null)
  const [agents, setAgents] = useState<AgentRef[] | null>(null)
  const { host, port } = settings.listener
  // The address the listener is bound to (port 0 binds a free one): what to register, not what was asked for.
  const listening = usePanelStore((s) => s.listen)
  const base = listening ?? `http://${host}:${port}`
  useEffect(() => {
    if (!secrets['helpcrunch.apiKey']) return
    void command('agents.list', {}).then((o) => setAgents(o.ok ? o.result.agents : null))
  }, [secrets])
  const runTest = async () => {
    setTest(null)
    const outcome = await command('connection.test', { source: 'helpcrunch' })
    setTest(outcome.ok ? outcome.result : { ok: false, message: outcome.error.message })
  }
  return (
    <>
      <fieldset id="section-helpcrunch" tabIndex={-1}>
        <legend>HelpCrunch</legend>
        <SecretField
          {...secretBinding('helpcrunch.apiKey', bound)}
          label="API key"
          removedBecause={
            cleared.includes('helpcrunch.apiKey')
              ? 'The API address moved to another server, so the key was removed. Enter the key for the new address.'
              : undefined
          }
        />
        <div className="inline-buttons">
          <button type="button" onClick={() => void runTest()}>
            Test connection
          </button>
          {test ? (
            <span role="status" className={test.ok ? 'ok-text' : 'error-text'}>
              {test.message}
            </span>
          ) : null}
        </div>
        {agents ? (
          <AgentPicker agents={agents} value={settings.helpcrunch.agentId} />
        ) : (
          <TextInput label="My agent id" {...settingBinding(settings, 'helpcrunch', 'agentId')} />
        )}
        <TextInput
          label="API address"
          {...settingBinding(settings, 'helpcrunch', 'apiUrl')}
          type="url"
          hint="https:// only. Moving it to another server removes the stored API key."
        />
        <TextInput
          label="Poll every (seconds)"
          {...settingBinding(settings, 'helpcrunch', 'pollSeconds')}
          type="number"
        />
      </fieldset>
      <fieldset id="section-deskdirector" tabIndex={-1}>
        <legend>DeskDirector</legend>
        <TextInput
          label="Site address"
          {...settingBinding(settings, 'deskdirector', 'baseUrl')}
          type="url"
          hint="e.g. https://acme.deskdirector.com — used for Open links"
        />
        <TextInput
          label="My tech user id"
          path="deskdirector.userId"
          value={settings.deskdirector.userId}
          patch={(v) => ({ deskdirector: { userId: v } })}
          hint="e.g. nzlancomdev~m~268 — chats with you as the tech, and push chats to you, count as mine"
        />
      </fieldset>
      <fieldset id="section-listener" tabIndex={-1}>
        <legend>Webhook listener</legend>
        <Toggle
          label="Let other machines reach the listener"
          path="listener.allowRemote"
          value={settings.listener.allowRemote}
          patch={(v) => ({ listener: { allowRemote: v } })}
          hint="Needed before Host can be an address other machines reach (e.g. 0.0.0.0); a tunnel does not need it."
        />
        <TextInput label="Host" {...settingBinding(settings, 'listener', 'host')} />
        <TextInput label="Port" {...settingBinding(settings, 'listener', 'port')} type="number" />
        <p className="hint">
          {listening ? 'The listener is at the address below; register' : 'Once listening, register'} these URLs
          (through a tunnel such as cloudflared or ngrok, since the listener is on loopback):
        </p>
        <ul className="urls">
          <li>
            DeskDirector: <code>{base}/webhooks/deskdirector</code>
          </li>
          <li>
            HelpCrunch: <code>{base}/webhooks/helpcrunch</code>
          </li>
        </ul>
        <SecretField
          {...secretBinding('deskdirector.secrets', bound)}
          label="DeskDirector webhook secrets (one per line)"
          multiline
        />
        <SecretField {...secretBinding('helpcrunch.signingKey', bound)} label="HelpCrunch signing key" />
      </fieldset>
    </>
  )
}

function AgentPicker({ agents, value }: { agents: AgentRef[]; value: string | null }) {
  const { save, state } = useSave()
  const locked = useLocked({ helpcrunch: { agentId: value } })
  return (
    <div className="field">
      <label>
        I am
        <select
          id={fieldId('helpcrunch.agentId')}
          value={value ?? ''}
          disabled={locked}
          onChange={(e) => void save({ helpcrunch: { agentId: e.target.value || null } })}
        >
          <option value="">— choose yourself —</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name ?? a.email ?? a.id}
            </option>
          ))}
        </select>
      </label>
      <LockedNote locked={locked} />
      <SaveNote state={state} />
    </div>
  )
}

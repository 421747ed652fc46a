/**
 * Settings → Team hub: the hub's address and this desktop's token (a write-only secret like the others). With
 * both set, the desktop follows the team's hub instead of polling and receiving webhooks itself.
 */
import { type ConnectionSettingsProps, secretBinding } from './ConnectionSettings'
import { TextInput } from './fields'
import { SecretField } from './SecretField'

/** The section. */
export function TeamHubSettings({ settings, secrets, onSecretChanged }: Omit<ConnectionSettingsProps, 'cleared'>) {
  const following = settings.hub.url !== null && secrets['hub.token']
  return (
    <fieldset id="section-hub" tabIndex={-1}>
      <legend>Team hub</legend>
      <p className="hint">
        {following
          ? 'This desktop follows the team hub: it polls nothing and receives no webhooks itself.'
          : 'Working alone: leave these empty. In a team, ask the hub admin for its address and your token.'}
      </p>
      <TextInput
        label="Hub address"
        path="hub.url"
        type="url"
        value={settings.hub.url}
        hint="https://… (the team's reverse proxy). Another address clears the saved token."
        patch={(v) => ({ hub: { url: v === '' ? null : v } })}
      />
      <SecretField {...secretBinding('hub.token', { secrets, onSecretChanged })} label="Token" />
    </fieldset>
  )
}

/**
 * Rules the settings and secrets commands enforce beyond the schema: a secret must be a real value, and
 * an API key is never sent to an origin it was not given for — changing `helpcrunch.apiUrl` to another
 * origin clears the stored key, so the user enters the key meant for the new server.
 */
import { CommandFailure } from '../../../shared/protocol'
import type { SecretName, Settings } from '../../../shared/settings'
import { type SecretsPort, splitSecrets } from './ports'

/** Secrets that are one token each (a list of secrets is one per line or comma). */
const SINGLE_TOKEN: readonly SecretName[] = ['helpcrunch.apiKey', 'helpcrunch.signingKey', 'hub.token']

/** Throws `invalid_params` for a weak value (empty, whitespace); null (remove) is always allowed. */
export function assertUsableSecret(name: SecretName, value: string | null): void {
  if (value === null) return
  const fail = (why: string) => {
    throw new CommandFailure('invalid_params', `secrets.set: "${name}" ${why}; send null to remove it`)
  }
  if (value.trim() === '') fail(value === '' ? 'is empty' : 'is only whitespace')
  if (SINGLE_TOKEN.includes(name) && /\s/.test(value))
    fail('contains spaces or line breaks (copy the key exactly, without them)')
  if (!SINGLE_TOKEN.includes(name) && splitSecrets(value).length === 0) fail('contains no secret, only separators')
}

/**
 * Clears the API key when `helpcrunch.apiUrl` moved to another origin, and the team hub token when `hub.url`
 * did; returns the secrets cleared.
 */
export function clearKeysOnOriginChange(before: Settings, after: Settings, secrets: SecretsPort): SecretName[] {
  const cleared: SecretName[] = []
  const moved = (name: SecretName, from: string | null, to: string | null) => {
    if (from === null || to === null || originOf(from) === originOf(to)) return
    if (secrets.get(name) === null) return
    secrets.set(name, null)
    cleared.push(name)
  }
  moved('helpcrunch.apiKey', before.helpcrunch.apiUrl, after.helpcrunch.apiUrl)
  moved('hub.token', before.hub.url, after.hub.url)
  return cleared
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

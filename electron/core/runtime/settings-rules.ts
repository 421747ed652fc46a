/**
 * Rules the settings and secrets commands enforce beyond the schema: a secret must be a real value, and
 * an API key is never sent to an origin it was not given for — moving a key's API URL (`KEY_ORIGINS` in the
 * settings schema) to another origin clears the stored key, so the user enters the key meant for the new server.
 */
import { CommandFailure } from '../../../shared/protocol'
import {
  KEY_ORIGINS,
  type SecretName,
  type Settings,
  SINGLE_TOKEN_SECRETS as SINGLE_TOKEN,
} from '../../../shared/settings'
import { type SecretsPort, splitSecrets } from '../engine/ports'

/** Why `value` is too weak to store as secret `name` (empty, whitespace, a key with spaces), or null when usable. */
export function secretProblem(name: SecretName, value: string): string | null {
  if (value.trim() === '') return value === '' ? 'is empty' : 'is only whitespace'
  if (SINGLE_TOKEN.includes(name) && /\s/.test(value))
    return 'contains spaces or line breaks (copy the key exactly, without them)'
  if (!SINGLE_TOKEN.includes(name) && splitSecrets(value).length === 0) return 'contains no secret, only separators'
  return null
}

/** Throws `invalid_params` for a weak value (see `secretProblem`); null (remove) is always allowed. */
export function assertUsableSecret(name: SecretName, value: string | null): void {
  if (value === null) return
  const problem = secretProblem(name, value)
  if (problem) throw new CommandFailure('invalid_params', `secrets.set: "${name}" ${problem}; send null to remove it`)
}

/** Clears each API key whose API URL moved to another origin; returns the secrets cleared. */
export function clearKeysOnOriginChange(before: Settings, after: Settings, secrets: SecretsPort): SecretName[] {
  const cleared: SecretName[] = []
  for (const { secret, url } of KEY_ORIGINS) {
    const [from, to] = [url(before), url(after)]
    if (from === null || to === null || originOf(from) === originOf(to) || secrets.get(secret) === null) continue
    secrets.set(secret, null)
    cleared.push(secret)
  }
  return cleared
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

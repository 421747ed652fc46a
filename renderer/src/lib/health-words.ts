/**
 * A source's status in an agent's words: one short sentence per state (no HTTP internals; the raw message
 * stays available as a tooltip), "synced N min ago", and which settings field fixes it.
 */
import type { SourceStatus } from '../../../shared/protocol'
import { elapsed, sourceLabel } from './format'

/** The sentence for `status` at `now`, e.g. "HelpCrunch unreachable — retrying in 12s". */
export function healthSentence(status: SourceStatus, now: number): string {
  const name = sourceLabel(status.source)
  const retry = retryWords(status.retryAt, now)
  switch (status.state) {
    case 'ok':
      // A webhook-only source waits for deliveries; "connected" would claim more than it knows.
      return status.setup?.receives === 'webhooks' ? `${name}: listening` : `${name}: connected`
    case 'polling':
      return `${name}: syncing…`
    case 'rate-limited':
      return `${name} is limiting requests — ${status.retryAt ? `clears ${retry}` : 'retrying shortly'}`
    case 'offline':
      return `${name} unreachable — retrying${status.retryAt ? ` ${retry}` : ''}`
    case 'auth-failed': {
      const noun = status.setup?.credential.noun
      return noun ? `${name} rejected the ${noun}` : `${name}: sign-in failed`
    }
    case 'error':
      return `${name} is having trouble — retrying${status.retryAt ? ` ${retry}` : ''}`
    case 'disabled':
      return `${name}: not set up`
  }
}

function retryWords(retryAt: number | undefined, now: number): string {
  if (!retryAt) return ''
  return retryAt <= now ? 'now' : `in ${elapsed(retryAt - now)}`
}

/**
 * "synced just now", "synced 4 min ago", "synced 2 h ago", "never synced" ("last delivery …" for a webhook-only
 * source); null when not set up.
 */
export function syncedWords(status: SourceStatus, now: number): string | null {
  if (status.state === 'disabled') return null
  const webhook = status.setup?.receives === 'webhooks'
  if (status.lastOkAt === null) return webhook ? 'no delivery yet' : status.state === 'ok' ? null : 'never synced'
  const what = webhook ? 'last delivery' : 'synced'
  const minutes = Math.floor(Math.max(0, now - status.lastOkAt) / 60_000)
  if (minutes < 1) return `${what} just now`
  if (minutes < 60) return `${what} ${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  return hours < 24 ? `${what} ${hours} h ago` : `${what} ${Math.floor(hours / 24)} d ago`
}

/** States a Retry helps with (rate limiting clears by itself; retrying early only spends the budget). */
export function canRetry(status: SourceStatus): boolean {
  return status.state === 'offline' || status.state === 'error'
}

/** The settings field that fixes `status`, or null when settings cannot help. */
export function fixField(status: SourceStatus): string | null {
  if (status.state !== 'auth-failed' && status.state !== 'disabled') return null
  // The source says which secret is its credential (on a hub desktop: the hub token, Settings → Team hub).
  return status.setup?.credential.path ?? null
}

/** The settings field behind a source's configuration warnings (agent not chosen, webhook secret missing). */
export function warningFix(status: SourceStatus): { path: string; label: string } | null {
  const text = status.warnings.join(' ')
  const { me, signing } = status.setup ?? {}
  if (/agent/i.test(text) && me) return { path: me, label: 'Choose yourself' }
  if (/secret|unsigned|signing/i.test(text) && signing) return { path: signing, label: 'Fix in settings' }
  return null
}

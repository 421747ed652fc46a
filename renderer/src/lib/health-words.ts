/**
 * A source's health in an agent's words: when it is failing, what that means for the list ("HelpCrunch chats
 * may be missing") and why ("API key rejected", "unreachable — retrying in 12s"); its configuration warnings as
 * sentences; and which settings field fixes either. No HTTP internals: the raw message stays a detail.
 */
import type { SourceStatus } from '../../../shared/protocol'
import { elapsed } from './format'

/** States in which the list may be missing a source's chats. */
export const FAILING_STATES: ReadonlySet<SourceStatus['state']> = new Set([
  'auth-failed',
  'offline',
  'rate-limited',
  'error',
])

/** How loud a failing source is: red when only a person can fix it, amber when it heals by itself. */
export function severity(status: SourceStatus): 'danger' | 'warn' {
  return status.state === 'auth-failed' || status.state === 'error' ? 'danger' : 'warn'
}

/** Why a failing source fails, e.g. "API key rejected", "unreachable — retrying in 12s". */
export function failureWords(status: SourceStatus, now: number): string {
  const retry = retryWords(status.retryAt, now)
  switch (status.state) {
    case 'auth-failed': {
      const noun = status.setup?.credential.noun
      return noun ? `${noun} rejected` : 'sign-in rejected'
    }
    case 'rate-limited':
      return `the help desk is limiting requests — ${status.retryAt ? `clears ${retry}` : 'retrying shortly'}`
    case 'offline':
      return `unreachable — retrying${status.retryAt ? ` ${retry}` : ''}`
    case 'error':
      return `having trouble — retrying${status.retryAt ? ` ${retry}` : ''}`
    default:
      return ''
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

/** The settings field behind one configuration warning (agent not chosen, webhook secret missing). */
export function warningFix(status: SourceStatus, warning: string): { path: string; label: string } | null {
  const { me, signing } = status.setup ?? {}
  if (/agent/i.test(warning) && me) return { path: me, label: 'Choose yourself' }
  if (/secret|unsigned|signing/i.test(warning) && signing) return { path: signing, label: 'Fix in settings' }
  return null
}

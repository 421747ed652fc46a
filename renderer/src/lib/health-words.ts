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
      return `${name}: connected`
    case 'polling':
      return `${name}: syncing…`
    case 'rate-limited':
      return `${name} is limiting requests — ${status.retryAt ? `clears ${retry}` : 'retrying shortly'}`
    case 'offline':
      return `${name} unreachable — retrying${status.retryAt ? ` ${retry}` : ''}`
    case 'auth-failed':
      return status.source === 'helpcrunch' ? `${name} rejected the API key` : `${name}: sign-in failed`
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

/** "synced just now", "synced 4 min ago", "synced 2 h ago", "never synced"; null when not set up. */
export function syncedWords(status: SourceStatus, now: number): string | null {
  if (status.state === 'disabled') return null
  if (status.lastOkAt === null) return status.state === 'ok' ? null : 'never synced'
  const minutes = Math.floor(Math.max(0, now - status.lastOkAt) / 60_000)
  if (minutes < 1) return 'synced just now'
  if (minutes < 60) return `synced ${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  return hours < 24 ? `synced ${hours} h ago` : `synced ${Math.floor(hours / 24)} d ago`
}

/** States a Retry helps with (rate limiting clears by itself; retrying early only spends the budget). */
export function canRetry(status: SourceStatus): boolean {
  return status.state === 'offline' || status.state === 'error'
}

/** The settings field that fixes `status`, or null when settings cannot help. */
export function fixField(status: SourceStatus): string | null {
  if (status.state !== 'auth-failed' && status.state !== 'disabled') return null
  if (status.source === 'helpcrunch') return 'helpcrunch.apiKey'
  if (status.source === 'deskdirector') return 'deskdirector.secrets'
  return null
}

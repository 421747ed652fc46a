/**
 * `POST /webhooks/deskdirector`: a signed JSON array of ChatSession objects (docs/deskdirector.md).
 * Every valid session is applied on its own, so one bad item never drops the rest; the store ignores
 * duplicate and out-of-order versions, which DeskDirector does not promise to avoid.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { futureVersionError } from '../../../../shared/transforms/bounds'
import type { AdapterContext } from '../../engine/adapters'
import type { DeadLetters } from '../../engine/persistence/dead-letters'
import {
  type Authentication,
  addInvalid,
  type DeliveryReply,
  type ItemsReply,
  itemsReply,
  MAX_ITEMS_PER_DELIVERY,
  type SignedRouteSpec,
} from '../../http/signed-route'
import { verifyDeskDirectorSignature } from './signature'
import { deskDirectorToChat } from './transform'

/** The route DeskDirector posts to (register one webhook per chat event, both to this path). */
export const DESKDIRECTOR_WEBHOOK_PATH = '/webhooks/deskdirector'

/** What the route reads at request time, so changed secrets and settings apply without a restart. */
export interface DeskDirectorWebhookDeps {
  context: AdapterContext
  /** The configured webhook secrets (one per registered webhook). */
  secrets: () => string[]
  allowUnsigned: () => boolean
  baseUrl: () => string | null
  /** Told about every answered delivery (the adapter's health). */
  onOutcome?: (outcome: DeliveryOutcome) => void
  /** Where items that could not be applied are kept (the state directory's dead letters). */
  deadLetters?: DeadLetters
  /** The clock versions are checked against (default `Date.now`). */
  now?: () => number
  /** Told how many items of a verified delivery could not be applied, and the first reason. */
  onDeadLetters?: (count: number, reason: string) => void
}

/** How a delivery ended, for source health. */
export type DeliveryOutcome = 'applied' | 'refused-unconfigured' | 'refused-signature'

/** The delivery spec of the DeskDirector route. */
export function deskDirectorDelivery(deps: DeskDirectorWebhookDeps): SignedRouteSpec {
  const { context, onOutcome = () => {} } = deps
  const formatsSeen = new Set<string>()
  // Made once, not per delivery: a closure per delivery showed in the profile.
  const notApplied = (result: ItemsReply, index: number, reason: string, item: unknown) => {
    addInvalid(result, index, reason)
    deps.deadLetters?.add('deskdirector', reason, item)
  }
  return {
    authenticate(headers: IncomingHttpHeaders, body: Buffer): Authentication {
      const secrets = deps.secrets()
      if (secrets.length === 0) {
        if (deps.allowUnsigned()) return { ok: true }
        onOutcome('refused-unconfigured')
        return {
          ok: false,
          status: 403,
          error:
            'no DeskDirector webhook secret is configured, so deliveries are refused: set the secret ' +
            '("deskdirector.secrets") or allow unsigned deliveries (settings listener.allowUnsigned.deskdirector)',
        }
      }
      const check = verifyDeskDirectorSignature(body, headers['x-dd-signature'], secrets)
      if (!check.ok) {
        onOutcome('refused-signature')
        return { ok: false, status: 401, error: check.reason }
      }
      if (!formatsSeen.has(check.format)) {
        formatsSeen.add(check.format)
        context.log.info('deskdirector signature verified', { encoding: check.format })
      }
      return { ok: true }
    },
    handle(json: unknown): DeliveryReply {
      // Signed, so answered 200 whatever it holds: what cannot be applied is listed and kept as a dead letter.
      const items: unknown[] = Array.isArray(json) ? json : [json]
      const result: ItemsReply = { applied: 0, duplicates: 0, invalid: [] }
      const baseUrl = deps.baseUrl()
      const now = (deps.now ?? Date.now)()
      const taken = Math.min(items.length, MAX_ITEMS_PER_DELIVERY)
      for (let index = 0; index < taken; index++) {
        const item = items[index]
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          notApplied(result, index, 'expected object (a ChatSession)', item)
          continue
        }
        const transformed = deskDirectorToChat(item, { baseUrl })
        const future = transformed.ok ? futureVersionError(transformed.chat, now) : null
        if (!transformed.ok) notApplied(result, index, transformed.error, item)
        else if (future !== null) notApplied(result, index, `deskdirector session: ${future}`, item)
        else if (context.ingest([transformed.chat]) > 0) result.applied++
        else result.duplicates++
      }
      if (items.length > taken) {
        const reason = `more than ${MAX_ITEMS_PER_DELIVERY} sessions in one delivery: the rest were not applied`
        notApplied(result, taken, `${reason} (${items.length - taken})`, items.slice(taken, taken + 1))
        result.invalidTotal = (result.invalidTotal ?? 0) + items.length - taken - 1
      }
      const failed = result.invalidTotal ?? 0
      if (failed > 0) {
        const first = result.invalid[0]?.reason ?? ''
        context.log.warn('deskdirector delivery: sessions not applied (kept as dead letters)', {
          count: failed,
          of: items.length,
          first: result.invalid.slice(0, 5),
        })
        deps.onDeadLetters?.(failed, first)
      }
      onOutcome('applied')
      return itemsReply(result)
    },
  }
}

/**
 * `POST /webhooks/deskdirector`: a signed JSON array of ChatSession objects (DESKDIRECTOR.md §1–§3).
 * Every valid session is applied on its own, so one bad item never drops the rest; the store ignores
 * duplicate and out-of-order versions, which DeskDirector does not promise to avoid.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { deskDirectorToChat } from '../../../../shared/transforms/deskdirector'
import type { AdapterContext } from '../../engine/adapters'
import {
  type Authentication,
  type DeliveryReply,
  type DeliverySpec,
  type ItemsReply,
  itemsReply,
} from '../../webhooks/delivery'
import { verifyDeskDirectorSignature } from '../../webhooks/signature'

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
}

/** How a delivery ended, for source health. */
export type DeliveryOutcome = 'applied' | 'refused-unconfigured' | 'refused-signature' | 'rejected'

/** The delivery spec of the DeskDirector route. */
export function deskDirectorDelivery(deps: DeskDirectorWebhookDeps): DeliverySpec {
  const { context, onOutcome = () => {} } = deps
  const formatsSeen = new Set<string>()
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
      if (typeof json !== 'object' || json === null) {
        onOutcome('rejected')
        return { status: 400, body: { error: 'expected a JSON array of ChatSession objects (or one object)' } }
      }
      const items: unknown[] = Array.isArray(json) ? json : [json]
      const result: ItemsReply = { applied: 0, duplicates: 0, invalid: [] }
      const baseUrl = deps.baseUrl()
      items.forEach((item, index) => {
        const transformed = deskDirectorToChat(item, { baseUrl })
        if (!transformed.ok) result.invalid.push({ index, reason: transformed.error })
        else if (context.ingest([transformed.chat]) > 0) result.applied++
        else result.duplicates++
      })
      if (result.invalid.length > 0) {
        context.log.warn('deskdirector delivery: invalid sessions skipped', {
          count: result.invalid.length,
          of: items.length,
          first: result.invalid.slice(0, 5),
        })
      }
      const reply = itemsReply(result, 'chat session')
      onOutcome(reply.status === 200 ? 'applied' : 'rejected')
      return reply
    },
  }
}

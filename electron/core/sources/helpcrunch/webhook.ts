/**
 * `POST /webhooks/helpcrunch`: one signed event `{event, eventData, attempts, lastAttemptAt, createdAt, id}`
 * (docs/helpcrunch.md, "Webhooks"). Retries are dropped by delivery id; `chat.*` events update or add the chat,
 * `message.*` events record a new message; a chat the store does not know is fetched once through
 * `fetchChat` (the rate-limited API client) instead of being guessed from a partial payload.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { z } from 'zod'
import { chatKey } from '../../../../shared/chat'
import type { SourceStatus } from '../../../../shared/protocol'
import { timestampSchema } from '../../../../shared/time'
import { futureVersionError, MAX_ID } from '../../../../shared/transforms/bounds'
import { describeIssues } from '../../../../shared/transforms/result'
import type { AdapterContext } from '../../engine/adapters'
import { redact } from '../../engine/log'
import type { DeadLetters } from '../../engine/persistence/dead-letters'
import { DeliveryIds, type SeenIds } from '../../engine/persistence/delivery-ids'
import type { RouteHandler } from '../../http/server'
import { type Authentication, type DeliveryReply, senderDate, signedRoute } from '../../http/signed-route'
import { HelpCrunchOrdering } from './ordering'
import { verifyHelpCrunchSignature } from './signature'
import { CHAT_ID_KEYS, chatIdOf, type MergeOutcome, mergeChatEvent, mergeMessageEvent } from './webhook-merge'

/** The route HelpCrunch posts to (Settings → Developers → Webhooks). */
export const HELPCRUNCH_WEBHOOK_PATH = '/webhooks/helpcrunch'

/** What the route needs; everything is read at request time. */
export interface HelpCrunchWebhookDeps {
  /** The engine context of source 'helpcrunch' (whether or not a HelpCrunch adapter is registered). */
  context: AdapterContext
  signingKey: () => string | null
  allowUnsigned: () => boolean
  /** Loads one chat through the API client and ingests it; absent when no API key is configured. */
  fetchChat?: (chatId: string) => Promise<void>
  /** Agent-app link of a chat, when known. */
  webUrl?: (chatId: string) => string | null
  /** True when the route publishes the source's health itself (no HelpCrunch adapter owns it). */
  ownsStatus?: () => boolean
  /** Called when `warnings()` may have changed and an adapter owns the status (it should republish). */
  onWarningsChanged?: () => void
  now?: () => number
  /** How many delivery ids to remember for deduplication. Default 10,000. */
  rememberIds?: number
  /** Where events that could not be applied are kept (the state directory's dead letters). */
  deadLetters?: DeadLetters
  /** Delivery ids already answered, kept across restarts (default: `rememberIds` in memory). */
  seenIds?: SeenIds
  /** The ordering rule shared with the API client's answers (`ordering.ts`); default: one of this route's own. */
  ordering?: HelpCrunchOrdering
}

/** The route and its health contribution. */
export interface HelpCrunchWebhookRoute {
  path: string
  handler: RouteHandler
  /** Configuration warnings for the HelpCrunch source status (empty when all is well). */
  warnings(): string[]
}

const envelopeSchema = z
  .object({
    event: z.string().min(1),
    eventData: z.record(z.string(), z.unknown()),
    attempts: z.number().int().nonnegative().nullish(),
    lastAttemptAt: timestampSchema.optional(),
    createdAt: timestampSchema.optional(),
    id: z.union([z.string().min(1).max(MAX_ID), z.number()]),
  })
  .loose()

type Envelope = z.infer<typeof envelopeSchema>

/** Builds `POST /webhooks/helpcrunch`. */
export function createHelpCrunchWebhookRoute(deps: HelpCrunchWebhookDeps): HelpCrunchWebhookRoute {
  const { context } = deps
  const now = deps.now ?? Date.now
  const ordering = deps.ordering ?? new HelpCrunchOrdering((key) => context.held(key))
  const seen: SeenIds = deps.seenIds ?? DeliveryIds.inMemory(deps.rememberIds)
  const fetching = new Set<string>()
  let lastOkAt: number | null = null
  let deadLettered = 0
  let lastDeadReason = ''

  const warnings = (): string[] => {
    const dead =
      deadLettered === 0
        ? []
        : [
            `${deadLettered} signed event(s) could not be applied and are kept in dead-letters.ndjson in the state ` +
              `directory (the chat is refreshed through the API when its id is known); last reason: ${lastDeadReason}`,
          ]
    return [...configWarnings(), ...dead]
  }
  const configWarnings = (): string[] => {
    if (deps.signingKey()) return []
    // Polling alone needs no signing key; refused deliveries (anyone may send them) are counted in /health.
    return deps.allowUnsigned() ? [`unsigned deliveries are accepted on POST ${HELPCRUNCH_WEBHOOK_PATH}`] : []
  }
  const publish = () => {
    if (!deps.ownsStatus?.()) return deps.onWarningsChanged?.()
    const status: SourceStatus = {
      source: 'helpcrunch',
      state: 'ok',
      message: lastOkAt === null ? 'no webhook delivery received yet' : 'receiving webhook deliveries',
      warnings: warnings(),
      lastOkAt,
      at: now(),
    }
    context.reportStatus(status)
  }

  const fetchOnce = (chatId: string) => {
    if (!deps.fetchChat || fetching.has(chatId)) return
    fetching.add(chatId)
    deps
      .fetchChat(chatId)
      .catch((error) =>
        context.log.warn('helpcrunch: fetching a chat announced by a webhook failed', {
          chatId,
          error: redact(String((error as Error)?.message ?? error), [deps.signingKey()]),
        }),
      )
      .finally(() => fetching.delete(chatId))
  }

  const authenticate = (headers: IncomingHttpHeaders, body: Buffer): Authentication => {
    const key = deps.signingKey()
    if (!key) {
      if (deps.allowUnsigned()) return { ok: true }
      return {
        ok: false,
        status: 403,
        error:
          'no HelpCrunch webhook signing key is configured, so deliveries are refused: set it ' +
          '("helpcrunch.signingKey") or allow unsigned deliveries (settings listener.allowUnsigned.helpcrunch)',
      }
    }
    const check = verifyHelpCrunchSignature(body, headers['x-helpcrunch-signature'], key)
    return check.ok ? { ok: true } : { ok: false, status: 401, error: check.reason }
  }

  /** A signed event that cannot be applied: answered 200 all the same, kept, shown, and its chat refreshed. */
  const notApplied = (reason: string, json: unknown, chatId: string | null, extra: Record<string, unknown>) => {
    context.log.warn('helpcrunch event not applied (kept as a dead letter)', { reason, chatId })
    deps.deadLetters?.add('helpcrunch', reason, json)
    deadLettered++
    lastDeadReason = reason.slice(0, 300)
    if (chatId !== null && deps.fetchChat) {
      fetchOnce(chatId)
      extra.refreshing = `chat ${chatId} is refreshed through the API`
    }
    publish()
    return { status: 200, body: { applied: 0, duplicates: 0, invalid: [{ index: 0, reason }], ...extra } }
  }

  const handle = (json: unknown, headers: IncomingHttpHeaders): DeliveryReply | Promise<DeliveryReply> => {
    const parsed = envelopeSchema.safeParse(json)
    if (!parsed.success) {
      const data = (json as { eventData?: unknown } | null)?.eventData
      const chatId =
        typeof data === 'object' && data !== null ? chatIdOf(data as Record<string, unknown>, CHAT_ID_KEYS) : null
      return notApplied(`delivery: ${describeIssues(parsed.error)}`, json, chatId, {})
    }
    const { event, id } = parsed.data
    const deliveryId = String(id)
    const duplicate = { status: 200, body: { applied: 0, duplicates: 1, invalid: [], event } }
    // Shared ids (several hubs): a redelivery through another hub is recognised there.
    if (seen.claim)
      return seen.claim(deliveryId).then((fresh) => (fresh ? apply(parsed.data, json, headers) : duplicate))
    if (seen.has(deliveryId)) return duplicate
    seen.add(deliveryId)
    return apply(parsed.data, json, headers)
  }

  const apply = (envelope: Envelope, json: unknown, headers: IncomingHttpHeaders): DeliveryReply => {
    const { event, eventData } = envelope
    const receivedAt = now()
    const eventTime = envelope.createdAt ?? envelope.lastAttemptAt ?? receivedAt
    const held = (chatId: string) => context.held(chatKey('helpcrunch', chatId))
    let outcome: MergeOutcome | null = null
    if (event.startsWith('chat.')) outcome = mergeChatEvent(event, eventData, eventTime, held, deps.webUrl)
    else if (event.startsWith('message.')) outcome = mergeMessageEvent(event, eventData, eventTime, held)

    const result = { applied: 0, duplicates: 0, invalid: [] as { index: number; reason: string }[] }
    const extra: Record<string, unknown> = { event }
    if (outcome?.kind === 'invalid') return notApplied(outcome.reason, json, outcome.chatId, extra)
    // Judged against HelpCrunch's clock (the delivery's Date header, else the engine's estimate of it), never the
    // local one alone; an event refused here is reloaded from the API, not dropped.
    const sentAt = senderDate(headers)
    if (sentAt !== null) context.observeClock(sentAt)
    const future =
      outcome?.kind === 'fields'
        ? futureVersionError({ updatedAt: outcome.eventAt }, sentAt ?? context.senderNow())
        : null
    if (future !== null && outcome?.kind === 'fields') return notApplied(future, json, outcome.chatId, extra)
    if (outcome === null) extra.ignored = `event "${event}" does not concern chats`
    else if (outcome.kind === 'stale') result.duplicates++
    else if (outcome.kind === 'unknown-chat') {
      extra.pending = deps.fetchChat
        ? `chat ${outcome.chatId} is being fetched`
        : `chat ${outcome.chatId} is not known yet`
      fetchOnce(outcome.chatId)
    } else {
      const key = chatKey('helpcrunch', outcome.chatId)
      // The ordering rule dates what it ingests on the local clock (when the app learnt it): judged locally.
      const next = ordering.webhook(key, outcome.chat, outcome.groups, outcome.eventAt, receivedAt)
      if (next !== null && context.ingest([next]) > 0) result.applied++
      else result.duplicates++
      // The webhook's chat is partial: the REST answer to a request sent now replaces it (the ordering rule).
      if (!outcome.known) fetchOnce(outcome.chatId)
    }
    lastOkAt = now()
    if (deps.ownsStatus?.()) publish()
    return { status: 200, body: { ...result, ...extra } }
  }

  return { path: HELPCRUNCH_WEBHOOK_PATH, handler: signedRoute({ authenticate, handle }), warnings }
}

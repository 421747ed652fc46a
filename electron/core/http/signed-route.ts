/**
 * A signed webhook route, the common path of every help desk's webhook deliveries: read the raw body (limits)
 * → authenticate the exact bytes → parse JSON → let the source apply it synchronously → answer. Nothing slow
 * is awaited before answering.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { readRawBody } from './body'
import { type RouteContext, type RouteHandler, refuseAndClose, sendJson } from './server'

/** Status and JSON body a source answers a delivery with. */
export interface DeliveryReply {
  status: number
  body: unknown
}

/** Whether a delivery's bytes may be trusted: signed correctly, or unsigned deliveries explicitly allowed. */
export type Authentication = { ok: true } | { ok: false; status: 401 | 403; error: string }

/** What a source provides for its route. */
export interface SignedRouteSpec {
  /** Checks the signature over the raw body (called per request, so secret changes apply at once). */
  authenticate(headers: IncomingHttpHeaders, body: Buffer): Authentication
  /**
   * Applies the parsed JSON (the request's headers at hand) and says what to answer. Synchronous and fast; a
   * promise only for one shared-store round trip (a delivery id claimed in Redis by several hubs).
   */
  handle(json: unknown, headers: IncomingHttpHeaders): DeliveryReply | Promise<DeliveryReply>
}

/** Most invalid items listed in an answer; the rest are only counted (`invalidTotal`), so the answer stays small. */
export const MAX_INVALID_LISTED = 20
/** Most items applied from one delivery; the rest are answered (and dead-lettered) as not applied. */
export const MAX_ITEMS_PER_DELIVERY = 1_000

/** Per-item result of a delivery that carried several items. */
export interface ItemsReply {
  applied: number
  duplicates: number
  /** The first `MAX_INVALID_LISTED` items that could not be applied. */
  invalid: { index: number; reason: string }[]
  /** How many could not be applied in all; present once the list is cut. */
  invalidTotal?: number
}

/** Notes an item that could not be applied, listing it while the list has room. */
export function addInvalid(result: ItemsReply, index: number, reason: string): void {
  result.invalidTotal = (result.invalidTotal ?? result.invalid.length) + 1
  if (result.invalid.length < MAX_INVALID_LISTED) result.invalid.push({ index, reason })
}

/** Builds the handler of a signed webhook route (JSON deliveries, authenticated over their raw bytes). */
export function signedRoute(spec: SignedRouteSpec): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, context: RouteContext) => {
    const read = await readRawBody(req, context.limits)
    if (!read.ok) return refuseAndClose(req, res, read.status, read.error)
    const auth = spec.authenticate(req.headers, read.body)
    if (!auth.ok) {
      context.refused(auth.status === 403 ? 'unconfigured' : 'signature')
      return sendJson(res, auth.status, { error: auth.error })
    }
    const parsed = parseJson(read.body)
    if (!parsed.ok) return sendJson(res, 400, { error: parsed.error })
    const reply = await spec.handle(parsed.value, req.headers)
    sendJson(res, reply.status, reply.body)
  }
}

/**
 * The sender's clock when it sent the request: its HTTP `Date` header (RFC 9110 §6.6.1: one-second precision), or
 * null when absent or unreadable.
 */
export function senderDate(headers: IncomingHttpHeaders): number | null {
  const value = headers.date
  if (typeof value !== 'string' || value.length > 64) return null
  const at = Date.parse(value)
  return Number.isFinite(at) ? at : null
}

/** Parses a UTF-8 JSON body (a leading BOM is tolerated); the error never echoes more than a short excerpt. */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
  const decoded = body.toString('utf8')
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    // A blank body never parses, so it is told apart here, off the path of every valid delivery.
    if (text.trim() === '') return { ok: false, error: 'body is empty; expected JSON' }
    return { ok: false, error: `body is not valid JSON: ${(error as Error).message.slice(0, 120)}` }
  }
}

/**
 * Turns per-item results into the answer: always 200 once the signature verified, even when nothing could be
 * applied (a sender pauses or deletes a webhook whose deliveries fail); what was not applied is listed.
 */
export function itemsReply(result: ItemsReply): DeliveryReply {
  const { invalidTotal, ...listed } = result
  const cut = invalidTotal !== undefined && invalidTotal > listed.invalid.length
  return { status: 200, body: cut ? { ...listed, invalidTotal } : listed }
}

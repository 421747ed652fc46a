/**
 * The common path of every signed delivery route: read the raw body (limits) → authenticate the exact bytes
 * → parse JSON → let the source apply it synchronously → answer. Nothing slow is awaited before answering.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { readRawBody } from './body'
import { type RouteContext, type RouteHandler, sendJson } from './server'

/** Status and JSON body a source answers a delivery with. */
export interface DeliveryReply {
  status: number
  body: unknown
}

/** Whether a delivery's bytes may be trusted: signed correctly, or unsigned deliveries explicitly allowed. */
export type Authentication = { ok: true } | { ok: false; status: 401 | 403; error: string }

/** What a source provides for its route. */
export interface DeliverySpec {
  /** Checks the signature over the raw body (called per request, so secret changes apply at once). */
  authenticate(headers: IncomingHttpHeaders, body: Buffer): Authentication
  /** Applies the parsed JSON and says what to answer. Must be synchronous and fast. */
  handle(json: unknown): DeliveryReply
}

/** Per-item result of a delivery that carried several items. */
export interface ItemsReply {
  applied: number
  duplicates: number
  invalid: { index: number; reason: string }[]
}

/** Builds the route handler of a signed JSON delivery route. */
export function deliveryHandler(spec: DeliverySpec): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, context: RouteContext) => {
    const read = await readRawBody(req, context.limits)
    if (!read.ok) return refuseAndClose(req, res, read.status, read.error)
    const auth = spec.authenticate(req.headers, read.body)
    if (!auth.ok) return sendJson(res, auth.status, { error: auth.error })
    const parsed = parseJson(read.body)
    if (!parsed.ok) return sendJson(res, 400, { error: parsed.error })
    const reply = spec.handle(parsed.value)
    sendJson(res, reply.status, reply.body)
  }
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
 * Answers a body that was cut off (too large, too slow) and closes the connection: the rest of the body is
 * discarded rather than left unread, because closing with unread bytes makes the kernel reset the connection
 * and the client would lose the answer.
 */
function refuseAndClose(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  res.setHeader('connection', 'close')
  sendJson(res, status, { error })
  req.on('error', () => {})
  req.resume()
  setTimeout(() => req.socket.destroy(), 1000).unref()
}

/** Turns per-item results into the answer: 200 when any item was valid (or there were none), else 422. */
export function itemsReply(result: ItemsReply, what: string): DeliveryReply {
  const valid = result.applied + result.duplicates
  if (valid === 0 && result.invalid.length > 0) {
    return { status: 422, body: { error: `no valid ${what} in the delivery`, ...result } }
  }
  return { status: 200, body: result }
}

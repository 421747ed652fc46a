/**
 * Reads a request body as raw bytes with a size limit and a time limit, so neither a huge body nor a
 * client that drips one byte a second can hold memory or the listener. Signatures need the exact bytes.
 * The listeners are module-level functions with per-request state on the request itself: this runs for
 * every delivery, and allocating fresh closures per request measurably cut throughput.
 */
import type { IncomingMessage } from 'node:http'

/** Limits of one body read. */
export interface BodyLimits {
  /** Largest accepted body (bytes); more → 413. */
  maxBytes: number
  /** Longest time the whole body may take to arrive (ms); longer → 408. */
  timeoutMs: number
  /** Bytes all bodies being read at once may hold together; past it → 503 (absent = no global limit). */
  budget?: ByteBudget
}

/**
 * The bytes every body being read holds together. Without it, many connections each sending a body just under
 * the per-body limit could hold hundreds of MiB before any signature is checked.
 */
export class ByteBudget {
  private used = 0

  constructor(readonly maxBytes: number) {}

  /** Takes `bytes` if they fit; false (nothing taken) when they do not. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false
    this.used += bytes
    return true
  }

  /** Gives back what a finished read held. */
  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes)
  }

  /** Whether `bytes` more would still fit now. */
  fits(bytes: number): boolean {
    return this.used + bytes <= this.maxBytes
  }

  /** Bytes held right now. */
  get inFlight(): number {
    return this.used
  }
}

/** The body, or the HTTP status and reason to refuse it with. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 408 | 413 | 400 | 503; error: string }

interface ReadState {
  chunks: Buffer[]
  size: number
  limits: BodyLimits
  timer: NodeJS.Timeout
  resolve: (result: BodyResult) => void
}

const STATE = Symbol('bodyRead')
type Reading = IncomingMessage & { [STATE]?: ReadState }

/** Collects the body of `req`. Resolves once, never rejects; on failure stops collecting at once. */
export function readRawBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limits.maxBytes) return Promise.resolve(tooLarge(limits.maxBytes))
  if (limits.budget && Number.isFinite(declared) && !limits.budget.fits(declared)) return Promise.resolve(busy())
  return new Promise((resolve) => {
    const reading = req as Reading
    reading[STATE] = { chunks: [], size: 0, limits, resolve, timer: setTimeout(onTimeout, limits.timeoutMs, reading) }
    reading.on('data', onData)
    reading.on('end', onEnd)
    reading.on('error', onError)
    reading.on('aborted', onAborted)
  })
}

function onData(this: Reading, chunk: Buffer): void {
  const state = this[STATE]
  if (!state) return
  if (state.size + chunk.length > state.limits.maxBytes) finish(this, tooLarge(state.limits.maxBytes))
  else if (state.limits.budget && !state.limits.budget.take(chunk.length)) finish(this, busy())
  else {
    state.size += chunk.length
    state.chunks.push(chunk)
  }
}

function onEnd(this: Reading): void {
  const chunks = this[STATE]?.chunks ?? []
  finish(this, { ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) })
}

function onError(this: Reading): void {
  finish(this, { ok: false, status: 400, error: 'request body could not be read' })
}

function onAborted(this: Reading): void {
  finish(this, { ok: false, status: 400, error: 'request aborted by the client' })
}

function onTimeout(req: Reading): void {
  const ms = req[STATE]?.limits.timeoutMs
  finish(req, { ok: false, status: 408, error: `request body not received within ${ms} ms` })
}

function finish(req: Reading, result: BodyResult): void {
  const state = req[STATE]
  if (!state) return
  req[STATE] = undefined
  state.limits.budget?.release(state.size)
  clearTimeout(state.timer)
  req.off('data', onData)
  req.off('end', onEnd)
  req.off('error', onError)
  req.off('aborted', onAborted)
  state.resolve(result)
}

function busy(): BodyResult {
  return { ok: false, status: 503, error: 'too many request bodies in flight; retry shortly' }
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, status: 413, error: `request body larger than ${maxBytes} bytes` }
}

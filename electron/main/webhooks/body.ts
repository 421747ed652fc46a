/**
 * Reads a request body as raw bytes with a size limit and a time limit, so neither a huge body nor a
 * client that drips one byte a second can hold memory or the listener. Signatures need the exact bytes.
 */
import type { IncomingMessage } from 'node:http'

/** Limits of one body read. */
export interface BodyLimits {
  /** Largest accepted body (bytes); more → 413. */
  maxBytes: number
  /** Longest time the whole body may take to arrive (ms); longer → 408. */
  timeoutMs: number
}

/** The body, or the HTTP status and reason to refuse it with. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 408 | 413 | 400; error: string }

/** Collects the body of `req`. Resolves once, never rejects; on failure stops collecting at once. */
export function readRawBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      return resolve(tooLarge(limits.maxBytes))
    }
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (result: BodyResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('aborted', onAborted)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limits.maxBytes) return finish(tooLarge(limits.maxBytes))
      chunks.push(chunk)
    }
    const onEnd = () => finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) })
    const onError = () => finish({ ok: false, status: 400, error: 'request body could not be read' })
    const onAborted = () => finish({ ok: false, status: 400, error: 'request aborted by the client' })
    const timer = setTimeout(
      () => finish({ ok: false, status: 408, error: `request body not received within ${limits.timeoutMs} ms` }),
      limits.timeoutMs,
    )
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('aborted', onAborted)
  })
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, status: 413, error: `request body larger than ${maxBytes} bytes` }
}

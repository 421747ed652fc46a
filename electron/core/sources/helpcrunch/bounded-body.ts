/**
 * Reads an HTTP answer's body up to a byte limit, so a misbehaving or hostile API cannot make the app
 * buffer an unbounded answer: `Content-Length` over the limit is refused before reading, and a stream that
 * passes the limit is cancelled at once.
 */

/** Thrown when an answer is larger than allowed. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the answer is larger than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/** The body as UTF-8 text, or `BodyTooLargeError` past `maxBytes`. */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw new BodyTooLargeError(maxBytes)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let received = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new BodyTooLargeError(maxBytes)
    }
    text += decoder.decode(value, { stream: true })
  }
  return text + decoder.decode()
}

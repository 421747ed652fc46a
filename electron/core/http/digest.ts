/**
 * What every webhook signature check shares, over the raw request bytes: one header value, a digest decoded
 * to bytes, and an HMAC compared with `timingSafeEqual` on equal-length buffers, so neither the encoding nor
 * the position of the first wrong byte changes how long a check takes. Each source's `signature.ts` says
 * which header, algorithm and encodings its help desk uses.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** How a digest was written. */
export type DigestFormat = 'hex' | 'HEX' | 'base64'

/** Outcome of a check: which format matched, or why it failed (never the secret or the expected digest). */
export type SignatureCheck = { ok: true; format: DigestFormat } | { ok: false; reason: string }

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Hex (either case) or standard base64 of exactly `length` bytes; anything else is null. */
export function decodeDigest(text: string, length: number): { bytes: Buffer; format: DigestFormat } | null {
  if (text.length === length * 2 && /^[0-9a-f]+$/i.test(text)) {
    return { bytes: Buffer.from(text, 'hex'), format: /[a-f]/.test(text) || !/[A-F]/.test(text) ? 'hex' : 'HEX' }
  }
  if (!BASE64.test(text)) return null
  const bytes = Buffer.from(text, 'base64')
  // Node's decoder skips junk silently; re-encoding catches truncated or padded-wrong values.
  if (bytes.length !== length || bytes.toString('base64') !== text) return null
  return { bytes, format: 'base64' }
}

/** True when `digest` is the HMAC of `body` under any of `secrets`. Every secret is tried, so the time taken does not say which one (if any) matched. */
export function hmacMatchesAny(
  algorithm: 'sha256' | 'sha1',
  body: Buffer,
  digest: Buffer,
  secrets: readonly string[],
): boolean {
  let matched = false
  for (const secret of secrets) {
    const expected = createHmac(algorithm, secretBytes(secret)).update(body).digest()
    matched = (expected.length === digest.length && timingSafeEqual(expected, digest)) || matched
  }
  return matched
}

/** Secrets as bytes, kept per secret: an HMAC keyed with a string re-encodes it on every delivery (twice the cost). */
const secretBytesCache = new Map<string, Buffer>()

function secretBytes(secret: string): Buffer {
  let bytes = secretBytesCache.get(secret)
  if (bytes === undefined) {
    // A handful of secrets at a time; a rotated-out one is dropped with the rest when the cache fills.
    if (secretBytesCache.size >= 16) secretBytesCache.clear()
    bytes = Buffer.from(secret, 'utf8')
    secretBytesCache.set(secret, bytes)
  }
  return bytes
}

/** One header's value (repeated headers joined), trimmed; null when absent or blank. */
export function singleHeader(header: string | string[] | undefined): string | null {
  if (header === undefined) return null
  const value = (Array.isArray(header) ? header.join(',') : header).trim()
  return value === '' ? null : value
}

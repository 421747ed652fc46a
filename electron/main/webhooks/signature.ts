/**
 * Webhook signature checks over the raw request bytes (DESKDIRECTOR.md §1.4, HELPCRUNCH.md §6).
 * Digests are decoded to bytes and compared with `timingSafeEqual` on equal-length buffers, so neither the
 * encoding nor the position of the first wrong byte changes how long a check takes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** How a DeskDirector digest was written (the encoding is undocumented, so all three are accepted). */
export type DigestFormat = 'hex' | 'HEX' | 'base64'

/** Outcome of a check: which format matched, or why it failed (never the secret or the expected digest). */
export type SignatureCheck = { ok: true; format: DigestFormat } | { ok: false; reason: string }

const SHA256_BYTES = 32
const SHA1_BYTES = 20
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Verifies `x-dd-signature: sha256=<HMAC-SHA256(secret, body)>` against any of `secrets`. */
export function verifyDeskDirectorSignature(
  body: Buffer,
  header: string | string[] | undefined,
  secrets: readonly string[],
): SignatureCheck {
  const value = single(header)
  if (value === null) return { ok: false, reason: 'missing x-dd-signature header' }
  const match = /^sha256=(.+)$/i.exec(value)
  if (!match?.[1]) return { ok: false, reason: 'x-dd-signature must start with "sha256="' }
  const decoded = decodeDigest(match[1], SHA256_BYTES)
  if (!decoded) return { ok: false, reason: 'x-dd-signature is not a SHA-256 digest in hex or base64' }
  // Every secret is tried, so the time taken does not say which one (if any) matched.
  let matched = false
  for (const secret of secrets) {
    const expected = createHmac('sha256', secretBytes(secret)).update(body).digest()
    matched = timingSafeEqual(expected, decoded.bytes) || matched
  }
  return matched ? { ok: true, format: decoded.format } : { ok: false, reason: 'x-dd-signature does not match' }
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

/** Verifies `X-HelpCrunch-Signature: <hex HMAC-SHA1(signingKey, body)>`. */
export function verifyHelpCrunchSignature(
  body: Buffer,
  header: string | string[] | undefined,
  signingKey: string,
): SignatureCheck {
  const value = single(header)
  if (value === null) return { ok: false, reason: 'missing X-HelpCrunch-Signature header' }
  if (!/^[0-9a-f]{40}$/i.test(value)) return { ok: false, reason: 'X-HelpCrunch-Signature is not a hex SHA-1 digest' }
  const expected = createHmac('sha1', signingKey).update(body).digest()
  const given = Buffer.from(value, 'hex')
  return given.length === SHA1_BYTES && timingSafeEqual(expected, given)
    ? { ok: true, format: /[A-F]/.test(value) ? 'HEX' : 'hex' }
    : { ok: false, reason: 'X-HelpCrunch-Signature does not match' }
}

/** Hex (either case) or standard base64 of exactly `length` bytes; anything else is null. */
function decodeDigest(text: string, length: number): { bytes: Buffer; format: DigestFormat } | null {
  if (text.length === length * 2 && /^[0-9a-f]+$/i.test(text)) {
    return { bytes: Buffer.from(text, 'hex'), format: /[a-f]/.test(text) || !/[A-F]/.test(text) ? 'hex' : 'HEX' }
  }
  if (!BASE64.test(text)) return null
  const bytes = Buffer.from(text, 'base64')
  // Node's decoder skips junk silently; re-encoding catches truncated or padded-wrong values.
  if (bytes.length !== length || bytes.toString('base64') !== text) return null
  return { bytes, format: 'base64' }
}

function single(header: string | string[] | undefined): string | null {
  if (header === undefined) return null
  const value = (Array.isArray(header) ? header.join(',') : header).trim()
  return value === '' ? null : value
}

/** The `x-dd-signature` value DeskDirector would send for `body` (demo mode and the self-test delivery sign with it). */
export function deskDirectorSignature(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/** The `X-HelpCrunch-Signature` value HelpCrunch would send for `body`. */
export function helpCrunchSignature(body: string | Buffer, signingKey: string): string {
  return createHmac('sha1', signingKey).update(body).digest('hex')
}

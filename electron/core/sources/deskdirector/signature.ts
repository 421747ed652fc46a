/**
 * DeskDirector's webhook signature: `x-dd-signature: sha256=<HMAC-SHA256(secret, body)>` over the raw bytes,
 * one secret per registered webhook. The digest's encoding is undocumented, so hex (either case) and base64
 * are all accepted (docs/deskdirector.md).
 */
import { createHmac } from 'node:crypto'
import { decodeDigest, hmacMatchesAny, type SignatureCheck, singleHeader } from '../../http/digest'

export type { DigestFormat, SignatureCheck } from '../../http/digest'

const SHA256_BYTES = 32

/** Verifies `x-dd-signature: sha256=<HMAC-SHA256(secret, body)>` against any of `secrets`. */
export function verifyDeskDirectorSignature(
  body: Buffer,
  header: string | string[] | undefined,
  secrets: readonly string[],
): SignatureCheck {
  const value = singleHeader(header)
  if (value === null) return { ok: false, reason: 'missing x-dd-signature header' }
  const match = /^sha256=(.+)$/i.exec(value)
  if (!match?.[1]) return { ok: false, reason: 'x-dd-signature must start with "sha256="' }
  const decoded = decodeDigest(match[1], SHA256_BYTES)
  if (!decoded) return { ok: false, reason: 'x-dd-signature is not a SHA-256 digest in hex or base64' }
  return hmacMatchesAny('sha256', body, decoded.bytes, secrets)
    ? { ok: true, format: decoded.format }
    : { ok: false, reason: 'x-dd-signature does not match' }
}

/** The `x-dd-signature` value DeskDirector would send for `body` (demo mode and the self-test delivery sign with it). */
export function deskDirectorSignature(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

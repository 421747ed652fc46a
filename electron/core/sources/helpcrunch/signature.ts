/**
 * HelpCrunch's webhook signature: `X-HelpCrunch-Signature: <hex HMAC-SHA1(signingKey, body)>` over the raw
 * bytes (docs/helpcrunch.md).
 */
import { createHmac } from 'node:crypto'
import { hmacMatchesAny, type SignatureCheck, singleHeader } from '../../http/digest'

/** Verifies `X-HelpCrunch-Signature: <hex HMAC-SHA1(signingKey, body)>`. */
export function verifyHelpCrunchSignature(
  body: Buffer,
  header: string | string[] | undefined,
  signingKey: string,
): SignatureCheck {
  const value = singleHeader(header)
  if (value === null) return { ok: false, reason: 'missing X-HelpCrunch-Signature header' }
  if (!/^[0-9a-f]{40}$/i.test(value)) return { ok: false, reason: 'X-HelpCrunch-Signature is not a hex SHA-1 digest' }
  return hmacMatchesAny('sha1', body, Buffer.from(value, 'hex'), [signingKey])
    ? { ok: true, format: /[A-F]/.test(value) ? 'HEX' : 'hex' }
    : { ok: false, reason: 'X-HelpCrunch-Signature does not match' }
}

/** The `X-HelpCrunch-Signature` value HelpCrunch would send for `body`. */
export function helpCrunchSignature(body: string | Buffer, signingKey: string): string {
  return createHmac('sha1', signingKey).update(body).digest('hex')
}

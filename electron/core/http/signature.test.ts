import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ddSignature, hcSignature } from '../../../tests/helpers/webhooks'
import { verifyDeskDirectorSignature } from '../sources/deskdirector/signature'
import { verifyHelpCrunchSignature } from '../sources/helpcrunch/signature'

const body = Buffer.from('[{"id":"1530162945-9852","status":"created"}]')
const secrets = ['first-secret-000000000000000000', 'second-secret-11111111111111111']

describe('verifyDeskDirectorSignature', () => {
  it.each(['hex', 'HEX', 'base64'] as const)('accepts a %s digest from any configured secret', (encoding) => {
    for (const secret of secrets) {
      expect(verifyDeskDirectorSignature(body, ddSignature(body, secret, encoding), secrets)).toEqual({
        ok: true,
        format: encoding,
      })
    }
  })

  it('accepts the prefix in any case and surrounding spaces', () => {
    const header = ` SHA256=${ddSignature(body, secrets[0] as string).slice(7)} `
    expect(verifyDeskDirectorSignature(body, header, secrets).ok).toBe(true)
  })

  it.each([
    ['missing', undefined, /missing/],
    ['empty', '', /missing/],
    [
      'without the sha256= prefix',
      createHmac('sha256', 'first-secret-000000000000000000').update(body).digest('hex'),
      /sha256=/,
    ],
    ['with another algorithm', `sha1=${createHmac('sha1', 'x').update(body).digest('hex')}`, /sha256=/],
    ['made with a wrong secret', ddSignature(body, 'not-the-secret'), /does not match/],
    ['made with a wrong secret (base64)', ddSignature(body, 'not-the-secret', 'base64'), /does not match/],
    ['truncated (hex)', ddSignature(body, 'first-secret-000000000000000000').slice(0, -2), /not a SHA-256 digest/],
    [
      'truncated (base64)',
      ddSignature(body, 'first-secret-000000000000000000', 'base64').slice(0, -4),
      /not a SHA-256/,
    ],
    ['over a different body', ddSignature(`${body} `, 'first-secret-000000000000000000'), /does not match/],
    ['garbage', 'sha256=!!!not-a-digest!!!', /not a SHA-256 digest/],
  ])('refuses a signature %s', (_label, header, reason) => {
    const check = verifyDeskDirectorSignature(body, header, secrets)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.reason).toMatch(reason)
  })

  it('refuses everything when no secret is configured', () => {
    expect(verifyDeskDirectorSignature(body, ddSignature(body, 'any'), []).ok).toBe(false)
  })

  it('never names a secret or the expected digest in its reason', () => {
    const check = verifyDeskDirectorSignature(body, ddSignature(body, 'wrong'), secrets)
    const expected = createHmac('sha256', secrets[0] as string)
      .update(body)
      .digest('hex')
    expect(JSON.stringify(check)).not.toContain(secrets[0])
    expect(JSON.stringify(check)).not.toContain(expected)
  })
})

describe('verifyHelpCrunchSignature', () => {
  const key = 'helpcrunch-signing-key'

  it('accepts the hex HMAC-SHA1 of the raw body, in either case', () => {
    expect(verifyHelpCrunchSignature(body, hcSignature(body, key), key)).toEqual({ ok: true, format: 'hex' })
    expect(verifyHelpCrunchSignature(body, hcSignature(body, key).toUpperCase(), key).ok).toBe(true)
  })

  it.each([
    ['missing', undefined],
    ['made with another key', hcSignature(body, 'other')],
    ['truncated', hcSignature(body, key).slice(0, 39)],
    ['over another body', hcSignature('{}', key)],
    ['base64', createHmac('sha1', key).update(body).digest('base64')],
  ])('refuses a signature %s', (_label, header) => {
    expect(verifyHelpCrunchSignature(body, header, key).ok).toBe(false)
  })
})

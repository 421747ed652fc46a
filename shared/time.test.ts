import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { optionalTimestampSchema, parseTimestamp, timestampSchema, toUnixSeconds } from './time'

const at = (iso: string) => Date.parse(iso)

describe('parseTimestamp', () => {
  it.each([
    ['UNIX seconds as a number (old HelpCrunch docs)', 1603885746, at('2020-10-28T11:49:06Z')],
    ['UNIX seconds as a string (new HelpCrunch docs)', '1603885746', at('2020-10-28T11:49:06Z')],
    ['seconds with ".000" (HelpCrunch snooze answer)', '1603864800.000', at('2020-10-28T06:00:00Z')],
    ['seconds with milliseconds (HelpCrunch webhooks)', '1607542030.713', at('2020-12-09T19:27:10.713Z')],
    ['epoch milliseconds', 1603885746123, 1603885746123],
    [
      '.NET ISO with 7 fractional digits (DeskDirector)',
      '2018-06-28T05:18:26.9468948Z',
      at('2018-06-28T05:18:26.946Z'),
    ],
    ['ISO without a zone is UTC, not local time', '2018-06-28T05:18:26.9468948', at('2018-06-28T05:18:26.946Z')],
    ['ISO with an offset', '2018-06-28T07:18:26+02:00', at('2018-06-28T05:18:26Z')],
    ['ISO with a compact offset', '2018-06-28T07:18:26+0200', at('2018-06-28T05:18:26Z')],
    ['ISO without seconds', '2018-06-28T05:18Z', at('2018-06-28T05:18:00Z')],
    ['a date alone', '2018-06-28', at('2018-06-28T00:00:00Z')],
  ])('reads %s', (_label, input, expected) => {
    expect(parseTimestamp(input)).toEqual({ ok: true, value: expected })
  })

  it.each([null, undefined, ''])('reads %j as absent', (input) => {
    expect(parseTimestamp(input)).toEqual({ ok: true, value: null })
  })

  it.each([
    ['garbage text', 'soon', /unreadable timestamp "soon"/],
    ['a boolean', true, /expected a timestamp, got boolean/],
    ['an object', {}, /got object/],
    ['a negative number', -5, /out of range/],
    ['an impossible date', '2018-13-45T00:00:00Z', /invalid date/],
    ['NaN', Number.NaN, /out of range/],
  ])('rejects %s with a reason', (_label, input, reason) => {
    const result = parseTimestamp(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(reason)
  })

  it('zod schema reports the reason as an issue', () => {
    const result = timestampSchema.safeParse('next tuesday')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/unreadable timestamp/)
  })

  it('converts back to UNIX seconds for requests', () => {
    expect(toUnixSeconds(1603864800999)).toBe(1603864800)
  })

  it('optionalTimestampSchema gives what timestampSchema.optional() gives, field absent or not', () => {
    const slow = z.object({ at: timestampSchema.optional() })
    const fast = z.object({ at: optionalTimestampSchema })
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
    const iso = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.stringMatching(/^(\.\d{0,9})?$/))
      .map(([y, mo, d, h, mi, s, f]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}Z`)
    const field = fc.option(fc.oneof(iso, fc.anything()), { nil: undefined })
    fc.assert(
      fc.property(fc.record({ at: field }, { requiredKeys: [] }), (input) => {
        expect(JSON.stringify(fast.safeParse(input))).toBe(JSON.stringify(slow.safeParse(input)))
      }),
      { numRuns: 2000 },
    )
  })
})

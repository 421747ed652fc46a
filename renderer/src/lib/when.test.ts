import { describe, expect, it } from 'vitest'
import { endsAt, relative } from './when'

describe('when', () => {
  const now = new Date(2026, 11, 1, 14, 5).getTime() // a Tuesday
  it('shows a time today, the weekday within a week, the date beyond', () => {
    expect(endsAt(new Date(2026, 11, 1, 14, 20).getTime(), now, 'en-GB')).toBe('14:20')
    expect(endsAt(new Date(2026, 11, 2, 9, 0).getTime(), now, 'en-GB')).toBe('Wed 09:00')
    expect(endsAt(new Date(2026, 11, 20, 9, 0).getTime(), now, 'en-GB')).toBe('20 Dec, 09:00')
  })
  it('follows the locale', () => {
    expect(endsAt(new Date(2026, 11, 2, 9, 0).getTime(), now, 'de-DE')).toBe('Mi., 09:00')
  })
  it('writes hours as the rest of the panel does (no "08:36 PM" beside "8:36 PM")', () => {
    expect(endsAt(new Date(2026, 11, 1, 20, 36).getTime(), now, 'en-US')).toBe(
      new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(new Date(2026, 11, 1, 20, 36)),
    )
    expect(endsAt(new Date(2026, 11, 1, 20, 36).getTime(), now, 'en-US')).toMatch(/^8:36\sPM$/)
  })
  it('says relative times in words', () => {
    expect(relative(now - 10_000, now, 'en')).toBe('now')
    expect(relative(now - 5 * 60_000, now, 'en')).toBe('5 min. ago')
    expect(relative(now - 3 * 3_600_000, now, 'en')).toBe('3 hr. ago')
    expect(relative(now - 26 * 3_600_000, now, 'en')).toBe('yesterday')
  })
})

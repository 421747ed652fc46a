import { describe, expect, it } from 'vitest'
import { waitedFor } from './compose'

describe('waitedFor', () => {
  it.each([
    [400, '1 s'],
    [10_000, '10 s'],
    [59_400, '59 s'],
    [60_000, '1 min'],
    [150_000, '3 min'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(waitedFor(ms)).toBe(text)
  })
})

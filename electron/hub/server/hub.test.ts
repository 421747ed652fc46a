import { describe, expect, it } from 'vitest'
import type { SourceStatus } from '../../../shared/protocol'
import { forDesktops } from './hub'

const status = (extra: Partial<SourceStatus>): SourceStatus => ({
  source: 'ticketbox',
  state: 'ok',
  message: null,
  warnings: [],
  lastOkAt: null,
  at: 1,
  ...extra,
})

describe('a source status as the hub relays it to desktops', () => {
  it('leaves out the hub\'s own "me-missing" warning by its code, whatever its words, and keeps the rest', () => {
    const relayed = forDesktops(
      status({
        warnings: ['kein Agent gewählt', 'route without a secret'],
        notices: [{ code: 'me-missing', message: 'kein Agent gewählt' }],
      }),
    )
    expect(relayed.warnings).toEqual(['route without a secret'])
    expect(relayed.notices).toBeUndefined()
  })

  it('never matches words: a warning without the code is relayed as it is', () => {
    const uncoded = status({
      warnings: ['no HelpCrunch agent chosen: "assign to me" and "mine" alerts are unavailable'],
    })
    expect(forDesktops(uncoded)).toBe(uncoded)
  })
})

import { describe, expect, it } from 'vitest'
import { usePanelStore } from '../stores/panel-store'
import { describeFailure } from './failure-text'

describe('failure text', () => {
  it('says a rate limit in plain words and waits before retrying', () => {
    const text = describeFailure('Assign', { code: 'rate_limited', message: 'request budget is used up' }, 'helpcrunch')
    expect(text).toEqual({
      headline: "Couldn't assign.",
      reason: 'HelpCrunch is limiting requests right now.',
      retryAfterMs: 15_000,
      fixInSettings: false,
    })
  })
  it('uses the help desk retry-after when it is longer', () => {
    const error = { code: 'rate_limited', message: 'x', retryAfterMs: 42_000 } as const
    expect(describeFailure('Snooze', error, 'helpcrunch').retryAfterMs).toBe(42_000)
  })
  it('offers no retry where retrying unchanged cannot help, and points at settings when it is a setting', () => {
    const gone = describeFailure('Open', { code: 'not_found', message: 'chat_not_found' }, 'helpcrunch')
    expect(gone.retryAfterMs).toBeNull()
    expect(gone.reason).toBe('This chat no longer exists in HelpCrunch.')
    const key = describeFailure('Assign', { code: 'auth_failed', message: 'HTTP 401' }, 'helpcrunch')
    expect(key).toMatchObject({ retryAfterMs: null, fixInSettings: true })
  })
  it('never shows the raw message as the reason', () => {
    const text = describeFailure(
      'Assign',
      { code: 'source_error', message: 'PUT /chats/assignee: HTTP 503' },
      'helpcrunch',
    )
    expect(text.reason).not.toContain('HTTP')
    expect(text.retryAfterMs).toBe(5_000)
  })
  it('says a claim the team hub could not decide (its shared store unreachable) without blaming the help desk', () => {
    const error = { code: 'offline', message: 'claims are decided in the team’s shared store …' } as const
    expect(describeFailure('Take', error, 'helpcrunch').reason).toBe(
      "HelpCrunch can't be reached. Check the connection.",
    )
    usePanelStore.setState({ team: { agent: null, presence: [] } })
    try {
      expect(describeFailure('Take', error, 'helpcrunch')).toEqual({
        headline: "Couldn't take.",
        reason: "The team hub can't decide who takes it right now. Nobody has it yet: try again in a moment.",
        retryAfterMs: 5_000,
        fixInSettings: false,
      })
    } finally {
      usePanelStore.setState({ team: null })
    }
  })
})

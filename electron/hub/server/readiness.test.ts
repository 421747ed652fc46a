import { describe, expect, it } from 'vitest'
import type { SourceStatus } from '../../../shared/protocol'
import { singleHubState } from './cluster-state'
import { readiness } from './readiness'

const status = (source: string, state: SourceStatus['state']): SourceStatus => ({
  source,
  state,
  message: 'secret-looking words 0123456789',
  warnings: ['a warning for people'],
  lastOkAt: null,
  at: 1,
})

describe('/ready', () => {
  it('is 200 only while serving with the store reachable; the reason otherwise, draining first', () => {
    const single = singleHubState()
    expect(readiness('serving', single, [])).toMatchObject({ httpStatus: 200, body: { ready: true, status: 'ready' } })
    expect(readiness('starting', single, [])).toMatchObject({ httpStatus: 503, body: { status: 'starting' } })
    expect(readiness('draining', single, [])).toMatchObject({ httpStatus: 503, body: { status: 'draining' } })
    const down = { role: 'follower', store: 'down', fence: 7 } as const
    expect(readiness('serving', down, [])).toMatchObject({
      httpStatus: 503,
      body: { ready: false, status: 'degraded', role: 'follower', store: 'down', fence: 7 },
    })
    expect(readiness('draining', down, []).body.status).toBe('draining')
    expect(readiness('serving', { role: 'leader', store: 'up', fence: 3 }, []).httpStatus).toBe(200)
  })

  it("names each source's state and nothing else of it; a failing source does not make the hub unready", () => {
    const answer = readiness('serving', singleHubState(), [status('ticketbox', 'auth-failed'), status('other', 'ok')])
    expect(answer.httpStatus).toBe(200)
    expect(answer.body).toEqual({
      ready: true,
      status: 'ready',
      role: 'single',
      store: 'none',
      sources: [
        { source: 'ticketbox', state: 'auth-failed' },
        { source: 'other', state: 'ok' },
      ],
    })
  })
})

import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../../../shared/protocol'
import { defaultSettings } from '../../../../shared/settings'
import { createFakeHelpCrunch } from '../../demo/fake-helpcrunch/server'
import { helpCrunchChecks } from './checks'

const KEY = 'hc_key_for_checks_0001'
const NOW = Date.parse('2026-11-21T10:00:00Z')

/** The fake's in-process fetch, with a Date header `skewMs` away from NOW (real HTTP servers send one). */
function fakeFetch(skewMs = 0, limited?: RegExp, searchStatus?: 'on hold' | 'onhold' | 'codes') {
  const fake = createFakeHelpCrunch({ apiKey: KEY })
  if (searchStatus) fake.db.quirks.searchStatus = searchStatus
  const fetchWithDate: typeof fetch = async (input, init) => {
    const tooMany = limited?.test(String(input))
    const response = tooMany
      ? new Response('{"errors":[{"code":"too_many_requests"}]}', { status: 429 })
      : await fake.fetch(input, init)
    const headers = new Headers(response.headers)
    headers.set('date', new Date(NOW - skewMs).toUTCString())
    return new Response(await response.text(), { status: response.status, headers })
  }
  return fetchWithDate
}

const settings = (patch: Partial<ReturnType<typeof defaultSettings>['helpcrunch']> = {}) => ({
  ...defaultSettings().helpcrunch,
  apiUrl: 'http://fake.test/v1',
  ...patch,
})
const byId = (results: CheckResult[], id: string) => results.find((r) => r.id === id)

describe('HelpCrunch checks', () => {
  it('a missing key is a skip, not a failure', async () => {
    expect(await helpCrunchChecks(settings(), null, fakeFetch(), () => NOW)).toEqual([
      { id: 'helpcrunch.key', status: 'skip', message: 'no HelpCrunch API key configured (polling is off)' },
    ])
  })

  it('an unknown agent id fails and lists the real ones', async () => {
    const results = await helpCrunchChecks(settings({ agentId: '999' }), KEY, fakeFetch(), () => NOW)
    expect(byId(results, 'helpcrunch.agent')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('4188 Ana Agent'),
    })
  })

  it('no agent id is a warning with the ids to choose from', async () => {
    const results = await helpCrunchChecks(settings(), KEY, fakeFetch(), () => NOW)
    expect(byId(results, 'helpcrunch.agent')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('--agent-id'),
    })
  })

  it.each([
    [0, 'pass'],
    [90_000, 'warn'],
    [-600_000, 'fail'],
  ])('clock skew of %d ms is %s', async (skew, status) => {
    const results = await helpCrunchChecks(settings({ agentId: '4188' }), KEY, fakeFetch(skew), () => NOW)
    expect(byId(results, 'clock.skew')?.status).toBe(status)
  })

  it('a poll interval that eats most of the budget is a warning', async () => {
    const results = await helpCrunchChecks(
      settings({ agentId: '4188', pollSeconds: 5, requestsPerMinute: 20 }),
      KEY,
      fakeFetch(),
      () => NOW,
    )
    expect(byId(results, 'helpcrunch.budget')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('about 14 of 20'),
    })
  })

  it('a 429 during the checks fails the budget check', async () => {
    const results = await helpCrunchChecks(settings({ agentId: '4188' }), KEY, fakeFetch(0, /\/agents/), () => NOW)
    expect(byId(results, 'helpcrunch.key')?.status).toBe('pass')
    expect(byId(results, 'helpcrunch.budget')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('HTTP 429'),
    })
  })

  it('a rate-limited key check says so instead of blaming the key', async () => {
    const results = await helpCrunchChecks(settings(), KEY, fakeFetch(0, /organization/), () => NOW)
    expect(byId(results, 'helpcrunch.key')).toMatchObject({ status: 'fail', message: expect.stringContaining('429') })
  })

  it.each([
    ['on hold', 'the open-chat search works with status names ("on hold")'],
    ['onhold', 'the open-chat search works with status names ("onhold"), after status names ("on hold") was refused'],
    [
      'codes',
      'the open-chat search works with numeric status codes ("1"–"4"), after status names ("on hold") was refused',
    ],
  ] as const)('reports which search-filter form works (server wants %s)', async (variant, message) => {
    const results = await helpCrunchChecks(
      settings({ agentId: '4188' }),
      KEY,
      fakeFetch(0, undefined, variant),
      () => NOW,
    )
    expect(byId(results, 'helpcrunch.search')).toEqual({ id: 'helpcrunch.search', status: 'pass', message })
  })
})

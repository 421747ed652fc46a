import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../../../shared/protocol'
import { defaultSettings } from '../../../../shared/settings'
import { createFakeHelpCrunch } from '../../demo/fake-helpcrunch/server'
import { helpCrunchChecks } from './checks'

const KEY = 'hc_key_for_checks_0001'
const NOW = Date.parse('2026-11-21T10:00:00Z')

/** The fake's in-process fetch, with a Date header `skewMs` away from NOW (real HTTP servers send one). */
function fakeFetch(skewMs = 0, limited?: RegExp, searchStatus?: 'on hold' | 'onhold' | 'codes' | 'codes-only') {
  const fake = createFakeHelpCrunch({ apiKey: KEY })
  if (searchStatus) fake.db.quirks.searchStatus = searchStatus
  // Four open chats and a closed one: the ground truth `GET /chats` shows the search form.
  for (const status of ['new', 'opened', 'pending', 'on hold', 'closed']) fake.db.addChat({ status })
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
  requestsPerMinute: 120, // the checks' handful of requests in one burst (real timers)
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
    [
      'on hold',
      'the open-chat search works with status names ("on hold") (status names ("on hold"): 4 open chats, all 4 open chats GET /chats shows among them)',
    ],
    [
      'onhold',
      'the open-chat search works with status names ("onhold") (status names ("on hold"): refused (HTTP 400); status names ("onhold"): 4 open chats, all 4 open chats GET /chats shows among them)',
    ],
    [
      'codes-only',
      'the open-chat search works with numeric status codes ("1"–"4") (status names ("on hold"): 0 chats, missing 4 of the 4 open chats GET /chats shows; status names ("onhold"): 0 chats, missing 4 of the 4 open chats GET /chats shows; numeric status codes ("1"–"4"): 4 open chats, all 4 open chats GET /chats shows among them)',
    ],
  ] as const)(
    'reports which search-filter form finds the open chats GET /chats shows (server wants %s)',
    async (variant, message) => {
      const results = await helpCrunchChecks(
        settings({ agentId: '4188' }),
        KEY,
        fakeFetch(0, undefined, variant),
        () => NOW,
      )
      expect(byId(results, 'helpcrunch.search')).toEqual({ id: 'helpcrunch.search', status: 'pass', message })
    },
  )

  it('a search that ignores the filter is no proof: the check warns that the app lists every chat instead', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    for (const status of ['new', 'closed']) fake.db.addChat({ status })
    const ignoring: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/chats/search') && init?.body)
        return fake.fetch(input, { ...init, body: JSON.stringify({ ...JSON.parse(String(init.body)), filter: [] }) })
      return fake.fetch(input, init)
    }
    const results = await helpCrunchChecks(settings({ agentId: '4188' }), KEY, ignoring, () => NOW)
    expect(byId(results, 'helpcrunch.search')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(
        /^no status filter form finds the open chats \(status names \("on hold"\): 1 of its 2 chats are not open/,
      ),
    })
  })

  it('reports what the chat objects carry: no updatedAt (as documented), the snoozedUntil type, status spelling', async () => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.addChat({ id: 5, snoozedUntil: 1_763_800_000 }) // id % 3 = 2: "sec.000" strings
    const results = await helpCrunchChecks(settings({ agentId: '4188' }), KEY, fake.fetch, () => NOW)
    expect(byId(results, 'helpcrunch.chat-model')).toEqual({
      id: 'helpcrunch.chat-model',
      status: 'pass',
      message:
        'the newest 1 chats (1 open); carry no "updatedAt" (as documented); snoozedUntil arrives as a string with a fraction ("1603864800.000"); statuses arrive as names',
    })
  })

  it('says what domain holds, and asks for the subdomain when it is not a helpcrunch.com address', async () => {
    const host = await helpCrunchChecks(settings({ agentId: '4188' }), KEY, fakeFetch(), () => NOW)
    expect(byId(host, 'helpcrunch.domain')).toEqual({
      id: 'helpcrunch.domain',
      status: 'pass',
      message: 'HelpCrunch\'s organisation domain is "acme.helpcrunch.com": links go to https://acme.helpcrunch.com',
    })
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.quirks.domain = 'website'
    const website = await helpCrunchChecks(settings({ agentId: '4188' }), KEY, fake.fetch, () => NOW)
    expect(byId(website, 'helpcrunch.domain')).toMatchObject({
      status: 'warn',
      message:
        'HelpCrunch\'s organisation domain is "acme.com", not a helpcrunch.com address, so "Open in HelpCrunch" is off',
      fix: expect.stringContaining('set your HelpCrunch subdomain'),
    })
  })

  it.each([
    ['readByAgent', 'PUT /chats/readByAgent exists (it answered HTTP 404 not_fount for a chat id that does not exist)'],
    ['read', 'PUT /chats/read exists (it answered HTTP 404 not_fount for a chat id that does not exist)'],
  ] as const)('finds the mark-read route (%s) without marking any chat read', async (route, message) => {
    const fake = createFakeHelpCrunch({ apiKey: KEY })
    fake.db.quirks.readRoute = route
    const chat = fake.db.addChat({ readByAgent: false })
    const results = await helpCrunchChecks(settings({ agentId: '4188' }), KEY, fake.fetch, () => NOW)
    expect(byId(results, 'helpcrunch.mark-read')).toEqual({ id: 'helpcrunch.mark-read', status: 'pass', message })
    expect(chat.readByAgent).toBe(false)
    expect(fake.log.length).toBeLessThanOrEqual(10) // a handful of requests
  })
})

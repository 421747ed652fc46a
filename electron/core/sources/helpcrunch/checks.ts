/**
 * HelpCrunch diagnostics: the key is accepted (`GET /organization`), the agent id exists, what a first real
 * connection teaches (`learn-checks.ts`: domain, chat model, search form, mark-read route), the polling
 * budget leaves headroom, and the local clock agrees with HelpCrunch's (snooze times are sent as UNIX time).
 * Uses the real client, with its own small bucket, so the check goes through the same code as polling.
 */

import type { CheckResult } from '../../../../shared/protocol'
import type { Settings } from '../../../../shared/settings'
import { HelpCrunchClient } from './client'
import { HelpCrunchError } from './errors'
import { chatModelCheck, domainCheck, markReadCheck, type RawAnswers, searchCheck } from './learn-checks'
import { TokenBucket } from './token-bucket'

const KEY_FIX =
  'create a key in HelpCrunch → Settings → Developers → Public API (not the "Legacy API key") and enter it in Settings → HelpCrunch (headless: --helpcrunch-key or HELPCRUNCH_API_KEY)'
/** Reconcile searches the poller adds per minute on top of the interval polls. */
const RECONCILE_PER_MINUTE = 2

/** Runs the HelpCrunch checks; a missing key gives one `skip`. */
export async function helpCrunchChecks(
  settings: Settings['helpcrunch'],
  apiKey: string | null,
  fetchImpl: typeof fetch,
  now: () => number = Date.now,
): Promise<CheckResult[]> {
  if (!apiKey)
    return [{ id: 'helpcrunch.key', status: 'skip', message: 'no HelpCrunch API key configured (polling is off)' }]
  let serverDate: number | null = null
  let rateLimited = false
  const raw: RawAnswers = new Map()
  const base = settings.apiUrl.replace(/\/+$/, '')
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetchImpl(input, init)
    const date = Date.parse(response.headers.get('date') ?? '')
    if (Number.isFinite(date)) serverDate = date
    if (response.status === 429) rateLimited = true
    const path = String(input).slice(base.length).split('?')[0] ?? ''
    raw.set(
      path,
      await response
        .clone()
        .json()
        .catch(() => undefined),
    )
    return response
  }
  const bucket = new TokenBucket(settings.requestsPerMinute)
  const client = new HelpCrunchClient({
    baseUrl: settings.apiUrl,
    apiKey,
    fetch: recordingFetch,
    bucket,
    timeoutMs: 10_000,
  })
  try {
    const key = await keyCheck(client, settings.apiUrl)
    const results: CheckResult[] = [key.result]
    if (key.result.status !== 'pass') return results
    const localAtAnswer = now()
    results.push(await agentCheck(client, settings.agentId))
    results.push(domainCheck(settings, key.domain))
    const model = await chatModelCheck(client, raw)
    results.push(model.result)
    results.push(await searchCheck(client, model.page))
    results.push(await markReadCheck(client))
    results.push(headroomCheck(settings, rateLimited))
    results.push(skewCheck(serverDate, localAtAnswer))
    return results
  } finally {
    bucket.close(new HelpCrunchError('network', 'check finished'))
  }
}

async function keyCheck(
  client: HelpCrunchClient,
  apiUrl: string,
): Promise<{ result: CheckResult; domain: string | null }> {
  try {
    const { domain } = await client.organization('action')
    const message = `HelpCrunch accepted the API key${domain ? ` (organization "${domain}")` : ''}`
    return { result: { id: 'helpcrunch.key', status: 'pass', message }, domain }
  } catch (error) {
    return { result: keyFailure(error, apiUrl), domain: null }
  }
}

function keyFailure(error: unknown, apiUrl: string): CheckResult {
  const e = error instanceof HelpCrunchError ? error : new HelpCrunchError('network', String(error))
  if (e.kind === 'auth') {
    const code = e.code ? ` ${e.code}` : ''
    return {
      id: 'helpcrunch.key',
      status: 'fail',
      message: `HelpCrunch rejected the API key (HTTP ${e.status}${code})`,
      fix: KEY_FIX,
    }
  }
  if (e.kind === 'network' || e.kind === 'timeout') {
    return {
      id: 'helpcrunch.key',
      status: 'fail',
      message: `cannot reach ${apiUrl}: ${e.message}`,
      fix: 'check the network, a proxy, or the API URL (Settings → HelpCrunch; headless: --helpcrunch-url)',
    }
  }
  return {
    id: 'helpcrunch.key',
    status: 'fail',
    message: `HelpCrunch answered with an error: ${e.message}`,
    fix: 'try again later; if it persists, check status.helpcrunch.com',
  }
}

async function agentCheck(client: HelpCrunchClient, agentId: string | null): Promise<CheckResult> {
  let agents: { id: number | string; name?: string | null }[]
  try {
    agents = await client.agents('action')
  } catch (error) {
    return { id: 'helpcrunch.agent', status: 'fail', message: `could not list agents: ${(error as Error).message}` }
  }
  const known = agents
    .slice(0, 5)
    .map((a) => `${a.id} ${a.name ?? ''}`.trim())
    .join(', ')
  if (!agentId) {
    return {
      id: 'helpcrunch.agent',
      status: 'warn',
      message: 'no agent id set: "assign to me", scope "mine" and assigned-to-me alerts are off',
      fix: `choose yourself in Settings → HelpCrunch (headless: --agent-id); ids: ${known}`,
    }
  }
  const me = agents.find((a) => String(a.id) === agentId)
  return me
    ? { id: 'helpcrunch.agent', status: 'pass', message: `agent ${agentId} is ${me.name ?? 'known'}` }
    : {
        id: 'helpcrunch.agent',
        status: 'fail',
        message: `agent id ${agentId} does not exist in this organization`,
        fix: `use one of: ${known}`,
      }
}

function headroomCheck(settings: Settings['helpcrunch'], rateLimited: boolean): CheckResult {
  const budget = settings.requestsPerMinute
  if (rateLimited) {
    return {
      id: 'helpcrunch.budget',
      status: 'fail',
      message: 'HelpCrunch is rate-limiting this organization right now (HTTP 429)',
      fix: 'another integration shares the 120 requests/minute budget: slow it down, or raise the poll interval (headless: --poll-seconds)',
    }
  }
  const polling = Math.ceil(60 / settings.pollSeconds + RECONCILE_PER_MINUTE)
  const message = `polling uses about ${polling} of ${budget} requests/minute, leaving ${budget - polling} for quick actions and other integrations`
  return polling <= budget / 2
    ? { id: 'helpcrunch.budget', status: 'pass', message }
    : {
        id: 'helpcrunch.budget',
        status: 'warn',
        message,
        fix: 'raise the poll interval (Settings → HelpCrunch; headless: --poll-seconds)',
      }
}

function skewCheck(serverDate: number | null, local: number): CheckResult {
  if (serverDate === null)
    return { id: 'clock.skew', status: 'skip', message: 'HelpCrunch sent no Date header to compare clocks' }
  // HTTP dates have one-second resolution; allow for that and the request's own duration.
  const skew = Math.round((local - serverDate) / 1000)
  const message = `local clock is ${Math.abs(skew)} s ${skew >= 0 ? 'ahead of' : 'behind'} HelpCrunch`
  if (Math.abs(skew) <= 30) return { id: 'clock.skew', status: 'pass', message }
  return {
    id: 'clock.skew',
    status: Math.abs(skew) > 300 ? 'fail' : 'warn',
    message,
    fix: 'turn on automatic time (NTP): snooze times and "waiting for" use the local clock',
  }
}

/**
 * One token or one answer cannot silence HelpCrunch polling (issue 24): a floor of the request budget is kept
 * for polling that quick actions and commands cannot take, starved polls are said on the status, and every wait
 * is capped — one `Retry-After: 99999999` pauses for ten minutes at most, the status tells the real retry time,
 * no timer overflows, and quick actions are not locked out for years.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { helpCrunchRig } from '../../../../tests/helpers/helpcrunch'
import type { Clock } from './clock'
import { STARVED_AFTER_MS, type Starvation, TokenBucket } from './token-bucket'

const T0 = Date.parse('2026-03-02T09:00:00Z')
/** The cap of every wait (`TEN_MINUTES` in sources/backoff.ts): ten minutes. */
const TEN_MINUTES = 600_000

beforeEach(() => vi.useFakeTimers({ now: T0 }))
afterEach(() => vi.useRealTimers())

const chatPolls = (rig: ReturnType<typeof helpCrunchRig>, from: number, to: number) =>
  rig.fake.log.filter((e) => e.path === '/chats' && e.at >= from && e.at < to).length

describe('a floor of the budget for polling', () => {
  it('quick actions in a loop (a buggy agent picker) cannot starve polling: a new chat still shows within one interval', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.addChat({ status: 'opened' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(1_000)
    let spamming = true
    const spam = async () => {
      while (spamming) await rig.adapter.listAgents().catch(() => {})
    }
    const loops = Array.from({ length: 20 }, spam)
    const from = Date.now()
    await vi.advanceTimersByTimeAsync(60_000)
    const fresh = rig.fake.db.addChat({ status: 'new' })
    await vi.advanceTimersByTimeAsync(20_000)
    spamming = false
    expect(rig.engine.store.get(`helpcrunch:${fresh.id}`)).toMatchObject({ state: 'waiting' })
    expect(chatPolls(rig, from, from + 60_000)).toBeGreaterThanOrEqual(3) // a poll every interval
    // The actions still got most of the budget, and the organisation's limit held.
    expect(
      rig.fake.log.filter((e) => e.path === '/agents' && e.at >= from && e.at < from + 60_000).length,
    ).toBeGreaterThan(60)
    expect(rig.fake.maxRequestsInWindow()).toBeLessThanOrEqual(120)
    await vi.advanceTimersByTimeAsync(20_000)
    await Promise.all(loops)
    await rig.adapter.stop()
  })

  it('under a queue of actions, a poll is served within a few tokens, and actions never take the polls’ quarter', async () => {
    const bucket = new TokenBucket(20) // one token every ~3.2 s; actions may take 15 of any minute
    const grants: { kind: string; at: number }[] = []
    const granted = (kind: string) => () => grants.push({ kind, at: Date.now() })
    for (let i = 0; i < 40; i++) void bucket.take('action').then(granted('action'), () => {})
    void bucket.take('poll').then(granted('poll'))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(grants.slice(0, 3).map((g) => g.kind)).toContain('poll')
    await vi.advanceTimersByTimeAsync(110_000)
    const actions = grants.filter((g) => g.kind === 'action').map((g) => g.at)
    const inAnyMinute = Math.max(...actions.map((at) => actions.filter((t) => t >= at && t < at + 60_000).length))
    expect(inAnyMinute).toBeLessThanOrEqual(15)
    bucket.close(new Error('done'))
  })

  it('the bucket says when a poll has waited too long for budget, and when polls are served again', async () => {
    const reports: (Starvation | null)[] = []
    const bucket = new TokenBucket(4, undefined, (s) => reports.push(s)) // one token every 20 s
    for (let i = 0; i < 3; i++) void bucket.take('poll')
    await vi.advanceTimersByTimeAsync(STARVED_AFTER_MS)
    expect(reports).toEqual([{ waitedMs: STARVED_AFTER_MS, actionsLastMinute: 0, perMinute: 4 }])
    await vi.advanceTimersByTimeAsync(20_000)
    expect(reports.at(-1)).toBeNull()
    expect(bucket.queued).toBe(0)
    bucket.close(new Error('done'))
  })

  it('starved polls are a warning on the source status, in plain words, until polls are served again', async () => {
    const rig = helpCrunchRig()
    rig.settings.update({ helpcrunch: { requestsPerMinute: 2 } }) // one token a minute: a cycle's requests wait
    rig.fake.db.addChat({ status: 'opened' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(31_000)
    expect(rig.adapter.status().notices).toContainEqual({
      code: 'polls-starved',
      message:
        'HelpCrunch polling has waited 30 s for the request budget (2 requests/minute; quick actions and commands took 0 of them in the last minute), so new chats may show late',
    })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(rig.adapter.status().notices ?? []).not.toContainEqual(expect.objectContaining({ code: 'polls-starved' }))
    await rig.adapter.stop()
  })
})

describe('every wait capped', () => {
  it('Retry-After: 99999999 pauses ten minutes at most; the status tells the real retry time; no timer overflows', async () => {
    const delays: number[] = []
    const clock: Clock = {
      now: () => Date.now(),
      setTimeout: (fn, ms) => {
        delays.push(ms)
        return setTimeout(fn, ms)
      },
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    }
    const rig = helpCrunchRig({ clock })
    const adapter = rig.adapter
    rig.fake.db.addChat({ id: 500, status: 'opened' })
    await adapter.start()
    await vi.advanceTimersByTimeAsync(1_000)
    rig.fake.faults.config.retryAfterSeconds = 99_999_999
    rig.fake.faults.queue.push('rate-limit')
    await vi.advanceTimersByTimeAsync(15_000)
    const limited = adapter.status()
    expect(limited.state).toBe('rate-limited')
    const retryAt = limited.retryAt as number
    expect(retryAt - Date.now()).toBeGreaterThan(0)
    // Ten minutes, plus the first token after the pause (nothing accrues while paused).
    expect(retryAt - limited.at).toBeLessThanOrEqual(TEN_MINUTES + 2_000)
    // A quick action meanwhile fails at once and names a wait of minutes, not years.
    let action: unknown
    void rig.engine.dispatcher.run('chat.read', { key: 'helpcrunch:500' }).then((outcome) => {
      action = outcome
    })
    await vi.advanceTimersByTimeAsync(1)
    expect(action).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    const retryAfter = (action as { error: { retryAfterMs?: number } }).error.retryAfterMs as number
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(TEN_MINUTES)
    const requests = rig.fake.log.length
    await vi.advanceTimersByTimeAsync(retryAt - Date.now() - 1_000)
    expect(rig.fake.log.length).toBe(requests)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(rig.fake.log.length).toBeGreaterThan(requests) // the poll came back when the status said
    await vi.advanceTimersByTimeAsync(30_000)
    expect(adapter.status().state).toBe('ok')
    expect(await rig.engine.dispatcher.run('chat.read', { key: 'helpcrunch:500' })).toMatchObject({ ok: true })
    expect(Math.max(...delays)).toBeLessThanOrEqual(TEN_MINUTES + 2_000) // on main: 99,999,999,000 ms
    await adapter.stop()
  })
})

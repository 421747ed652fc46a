/**
 * DeskDirector deliveries and a wrong local clock (issue 24, item 4), with an injected clock: a clock two days
 * behind once answered every delivery `{"applied":0}` ("more than a day in the future") and DeskDirector never
 * resends; a version 20 h ahead was taken and then hid the real `missed` for 20 h.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { SourceStatus } from '../../../../shared/protocol'
import { ddSession, ddSignature, send, startTestListener, type TestListener } from '../../../../tests/helpers/webhooks'

const SECRET = 'new-chat-secret-0000000000000000'
const T = Date.UTC(2026, 2, 2, 9, 30, 0)
const HOUR = 3_600_000
const DAY = 24 * HOUR

let t: TestListener | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

/** A listener whose local clock reads `offset` ms off DeskDirector's (which reads T when the test starts). */
function start(offset: number): Promise<TestListener> {
  const startedAt = Date.now()
  return startTestListener({
    secrets: { 'deskdirector.secrets': SECRET },
    now: () => T + offset + (Date.now() - startedAt),
  })
}

/** Delivers sessions, with DeskDirector's clock in a `Date` header when `sentAt` is given. */
function deliver(sessions: Record<string, unknown>[], sentAt?: number) {
  const body = JSON.stringify(sessions)
  const headers: Record<string, string> = { 'x-dd-signature': ddSignature(body, SECRET) }
  if (sentAt !== undefined) headers.date = new Date(sentAt).toUTCString()
  return send((t as TestListener).url, { path: '/webhooks/deskdirector', body, headers })
}

const iso = (at: number) => new Date(at).toISOString()
const session = (id: string, status: string, modified: number) =>
  ddSession({ id, status, createdDateTime: iso(T), lastModifiedDateTime: iso(modified) })
const status = (): SourceStatus | undefined => t?.runtime.engine.statuses().find((s) => s.source === 'deskdirector')

describe('DeskDirector deliveries and a wrong local clock', () => {
  it('a clock 2 days behind takes every delivery and says so in plain words, with a code', async () => {
    t = await start(-2 * DAY)
    expect(await deliver([session('a', 'created', T)], T)).toMatchObject({ status: 200, json: { applied: 1 } })
    expect(t.chats().map((c) => c.key)).toEqual(['deskdirector:a'])
    expect(status()?.notices).toEqual([
      { code: 'clock-skew', message: expect.stringMatching(/^This computer's clock is 2 days behind DeskDirector's/) },
    ])
    expect(status()?.warnings).toContain(status()?.notices?.[0]?.message)
    const health = await send(t.url, { method: 'GET', path: '/health' })
    const clock = (health.json as { clock: { offsetMs: Record<string, number> } }).clock
    expect(Math.round((clock.offsetMs.deskdirector ?? 0) / DAY)).toBe(2)
  })

  it('without a Date header a version ahead of the local clock is taken and flagged', async () => {
    t = await start(-2 * DAY)
    expect(await deliver([session('a', 'created', T)])).toMatchObject({ status: 200, json: { applied: 1 } })
    expect(status()?.notices?.map((n) => n.code)).toEqual(['version-ahead'])
    expect(status()?.notices?.[0]?.message).toMatch(/1 chat version from DeskDirector was dated up to 2 days later/)
    // Later changes from the same (skewed) clock still order among themselves: a stale copy is still stale.
    await deliver([session('a', 'handled', T + 60_000)])
    await deliver([session('a', 'created', T)])
    expect(t.chats().map((c) => c.state)).toEqual(['active'])
  })

  it('a version 20 h ahead does not hide the real `missed` that follows a minute later', async () => {
    t = await start(0)
    await deliver([session('a', 'created', T + 20 * HOUR)], T)
    expect(t.chats().map((c) => c.state)).toEqual(['waiting'])
    expect(await deliver([session('a', 'missed', T + 60_000)], T + 60_000)).toMatchObject({ json: { applied: 1 } })
    expect(t.chats().map((c) => c.state)).toEqual(['missed'])
    // An older copy that arrives late is still refused: the ordering only stops trusting the version ahead.
    expect(await deliver([session('a', 'created', T + 30_000)], T + 90_000)).toMatchObject({ json: { duplicates: 1 } })
    expect(status()?.notices?.map((n) => n.code)).toEqual(['version-ahead'])
  })
})

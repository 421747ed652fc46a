import { describe, expect, it } from 'vitest'
import { type Logger, silentLogger } from '../../core/engine/log'
import type { Caller } from './auth'
import { createCommandQuotas, type QuotaAnswer } from './quotas'

const caller = (name: string): Caller => ({ agent: { name, me: {} }, token: `tok-${name}`, key: name })
const MIA = caller('Mia Novak')
const LEO = caller('Leo Brandt')

function quotas(perMinute = 30, concurrency = 4, log: Logger = silentLogger) {
  let clock = 1_000_000
  const q = createCommandQuotas({ perMinute, concurrency, log, now: () => clock })
  return { q, advance: (ms: number) => (clock += ms) }
}
const take = (answer: QuotaAnswer) => {
  if (answer.ok) answer.release()
  return answer.ok
}

describe('per-token command quotas', () => {
  it('lets a burst of a third of the minute through, then refuses with the time until the next slot', () => {
    const { q, advance } = quotas(30, 100)
    const answers = Array.from({ length: 12 }, () => q.take(MIA))
    expect(answers.map((a) => a.ok)).toEqual([...Array(10).fill(true), false, false])
    for (const a of answers) if (a.ok) a.release()
    expect(answers[10]).toMatchObject({ ok: false, retryAfterMs: 2_000 })
    advance(1_999)
    expect(take(q.take(MIA))).toBe(false)
    advance(1)
    expect(take(q.take(MIA))).toBe(true)
  })

  it('a token looping commands is held to its rate; another token keeps its whole share', () => {
    const { q, advance } = quotas(30)
    let allowed = 0
    // One minute of a desktop sending a command every 50 ms.
    for (let t = 0; t < 60_000; t += 50) {
      if (take(q.take(MIA))) allowed++
      advance(50)
    }
    expect(allowed).toBeLessThanOrEqual(10 + 30)
    expect(Array.from({ length: 10 }, () => take(q.take(LEO))).every(Boolean)).toBe(true)
    expect(q.health().throttled.map((t) => t.agent)).toEqual(['Mia Novak'])
  })

  it('caps the commands one token has running at once, and frees the slot when one ends', () => {
    const { q } = quotas(600, 2)
    const first = q.take(MIA)
    const second = q.take(MIA)
    const third = q.take(MIA)
    expect([first.ok, second.ok, third.ok]).toEqual([true, true, false])
    expect(third).toMatchObject({ retryAfterMs: 1_000, message: expect.stringContaining('2 commands running') })
    if (first.ok) first.release()
    if (first.ok) first.release() // a second release changes nothing
    expect(q.take(MIA).ok).toBe(true) // held, with `second`
    expect(q.take(MIA).ok).toBe(false)
  })

  it('logs once per episode with the agent name, and stops listing it a minute after its last refusal', () => {
    const lines: string[] = []
    const log: Logger = {
      ...silentLogger,
      warn: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
    }
    const { q, advance } = quotas(3, 4, log)
    for (let i = 0; i < 5; i++) take(q.take(MIA))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('Mia Novak')
    expect(lines[0]).not.toContain('tok-')
    expect(q.health()).toMatchObject({ refused: 4, throttled: [{ agent: 'Mia Novak', refused: 4 }] })
    advance(60_001)
    expect(q.health().throttled).toEqual([])
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Chat, ChatEscalation } from '../../../../shared/chat'
import { fakeAdapter } from '../../../../tests/helpers/adapters'
import { buildAlerting } from '../../../../tests/helpers/alerting'
import { makeChat } from '../../../../tests/helpers/chats'

const T0 = new Date(2026, 0, 5, 10, 0, 0).getTime()

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => vi.useRealTimers())

const settings = { alerts: { batchWindowMs: 0, stillWaitingAfterSeconds: 30, repeatEverySeconds: 30 } }
const chat = (overrides: Partial<Chat> = {}) => makeChat({ createdAt: T0, updatedAt: T0, ...overrides })
const ladder = (agents: string[]): ChatEscalation => ({
  tier: '1',
  since: T0,
  dueAt: T0 + 40_000,
  nextAt: null,
  agents,
})

function desktop(agent: string | null) {
  const t = buildAlerting({ settings, adapters: [fakeAdapter('deskdirector')] })
  t.engine.team.setAgent(agent)
  const kinds = () => t.alerts.map((a) => a.kind)
  return { ...t, kinds }
}

describe('ringing until claimed, for the team', () => {
  it('ends the still-waiting reminders the moment anyone claims the chat', () => {
    const d = desktop('Leo')
    d.engine.store.apply(chat())
    vi.advanceTimersByTime(30_000)
    expect(d.kinds()).toEqual(['new', 'still-waiting'])
    d.engine.store.apply(chat({ claim: { agent: 'Mia', since: T0 + 31_000 } }), { force: true })
    vi.advanceTimersByTime(10 * 60_000)
    expect(d.kinds()).toEqual(['new', 'still-waiting'])
  })

  it('starts them again when the claim is let go while the chat still waits', () => {
    const d = desktop('Leo')
    d.engine.store.apply(chat({ claim: { agent: 'Mia', since: T0 } }))
    vi.advanceTimersByTime(60_000)
    expect(d.kinds()).toEqual([])
    d.engine.store.apply(chat({ claim: null }), { force: true })
    expect(d.kinds()).toEqual(['new'])
    vi.advanceTimersByTime(30_000)
    expect(d.kinds()).toEqual(['new', 'still-waiting'])
  })

  it('rings only the agents the ladder names, and an agent it adds later hears the same alert then, once', () => {
    const d = desktop('Leo')
    d.engine.store.apply(chat({ escalation: ladder(['Mia']) }))
    vi.advanceTimersByTime(35_000)
    expect(d.kinds()).toEqual([])
    d.engine.store.apply(chat({ escalation: { ...ladder(['Mia', 'Leo']), tier: '2' } }), { force: true })
    d.engine.store.apply(chat({ escalation: { ...ladder(['Mia', 'Leo', 'Ana']), tier: 'lead' } }), { force: true })
    expect(d.kinds()).toEqual(['new'])
    expect(d.alerts[0]?.id).toBe(`deskdirector:1530162945-9852|new|${T0}`)
  })

  it("keeps today's alerts on a desktop without a hub", () => {
    const d = desktop(null)
    d.engine.store.apply(chat({ escalation: ladder(['Mia']) }))
    vi.advanceTimersByTime(30_000)
    expect(d.kinds()).toEqual(['new', 'still-waiting'])
  })
})

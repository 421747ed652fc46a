import { describe, expect, it } from 'vitest'
import { deskDirectorToChat } from '../sources/deskdirector/transform'
import { helpCrunchToChat } from '../sources/helpcrunch/transform'
import { applyHelpCrunchChange } from './driver'
import { FakeDatabase } from './fake-helpcrunch/database'
import { serializeChat } from './fake-helpcrunch/records'
import { DEMO_AGENTS, DEMO_ME } from './people'
import { DEMO_CYCLE_MS, demoCycle } from './scenario'

const START = Date.parse('2026-11-21T09:00:00Z')

/** Plays a cycle through the same paths as the driver: DeskDirector JSON, or the fake account as the API serialises it. */
function chatsOf(cycle: number) {
  let clock = 0
  const db = new FakeDatabase(() => clock)
  for (const agent of [DEMO_ME, ...DEMO_AGENTS]) db.agents.set(agent.id, { ...agent, role: 'agent' })
  return demoCycle(cycle, START + cycle * DEMO_CYCLE_MS).flatMap((step) => {
    if (step.kind === 'snooze') return []
    clock = step.at
    if (step.kind === 'helpcrunch') applyHelpCrunchChange(db, step.change)
    const raw = step.kind === 'deskdirector' ? step.session : serializeChat(db.chats.get(step.change.id)!, db.agents)
    const result = step.kind === 'deskdirector' ? deskDirectorToChat(raw) : helpCrunchToChat(raw)
    if (!result.ok) throw new Error(result.error)
    return [{ at: step.at, chat: result.chat }]
  })
}

describe('demo scenario', () => {
  it('every step is a valid payload for the real transforms, in time order within the cycle', () => {
    const steps = demoCycle(0, START)
    expect(steps.map((s) => s.at)).toEqual([...steps.map((s) => s.at)].sort((x, y) => x - y))
    expect(steps.every((s) => s.at >= START && s.at < START + DEMO_CYCLE_MS)).toBe(true)
    expect(() => chatsOf(0)).not.toThrow()
  })

  it('plays every story the product alerts on', () => {
    const chats = chatsOf(0).map((c) => c.chat)
    const states = new Set(chats.map((c) => `${c.source}:${c.state}`))
    for (const s of [
      'deskdirector:waiting',
      'deskdirector:active',
      'deskdirector:missed',
      'deskdirector:callback',
      'helpcrunch:waiting',
      'helpcrunch:closed',
    ]) {
      expect(states).toContain(s)
    }
    const callback = chats.find((c) => c.state === 'callback')
    expect(callback?.callback).toMatchObject({ phone: expect.stringMatching(/^\+1 555/), note: expect.any(String) })
    expect(chats.some((c) => c.source === 'helpcrunch' && c.assignee?.id === String(DEMO_ME.id))).toBe(true)
    const snooze = demoCycle(0, START).find((s) => s.kind === 'snooze')
    expect(snooze && snooze.until - snooze.at).toBeGreaterThan(5_000)
  })

  it('versions only move forward for each chat, so the store applies every step', () => {
    const last = new Map<string, number>()
    for (const { chat } of chatsOf(0)) {
      expect(chat.updatedAt).toBeGreaterThanOrEqual(last.get(chat.key) ?? 0)
      last.set(chat.key, chat.updatedAt)
    }
  })

  it('is deterministic for a seed, and each cycle uses fresh chat ids', () => {
    expect(demoCycle(3, START)).toEqual(demoCycle(3, START))
    const keys = (cycle: number) => new Set(chatsOf(cycle).map((c) => c.chat.key))
    const first = keys(0)
    expect([...keys(1)].some((k) => first.has(k))).toBe(false)
  })
})

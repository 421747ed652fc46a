import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { normalizeStatus } from '../../../../shared/state-table'
import { helpCrunchRig } from '../../../../tests/helpers/helpcrunch'
import { seededRandom } from '../../demo/fake-helpcrunch/faults'

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }))
afterEach(() => vi.useRealTimers())

it('under 20% injected faults for a simulated hour, with actions spammed: no chat lost or announced twice, budget kept', async () => {
  const rig = helpCrunchRig()
  const { db, faults } = rig.fake
  const random = seededRandom(42)
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)]
  for (let i = 0; i < 40; i++) db.addChat({ status: pick(['new', 'opened', 'pending', 'on hold']) })
  faults.config.rate = 0.2
  faults.config.kinds = ['server-error', 'timeout', 'malformed', 'slow']
  faults.config.slowMs = 4_000

  await rig.adapter.start()
  const actions: Promise<unknown>[] = []
  for (let second = 0; second < 3600; second++) {
    const roll = random()
    const open = db.openChats()
    const target = pick(open)
    if (roll < 0.02) db.addChat()
    else if (roll < 0.05 && target) db.message(target.id, `message at ${second}`)
    else if (roll < 0.06 && target) db.close(target.id)
    else if (roll < 0.07 && target) db.update(target.id, { assignee: pick([4188, 4200, null]) ?? null })
    else if (roll < 0.075 && target) db.update(target.id, { status: pick(['pending', 'on hold', 'opened']) })
    // Every third minute, a user hammers quick actions at 3 per second — above the whole budget.
    if (Math.floor(second / 60) % 3 === 0) {
      const held = rig.engine.store.bySource('helpcrunch').filter((c) => c.state !== 'closed')
      for (const command of ['chat.read', 'chat.assign', 'chat.snooze'] as const) {
        const chat = pick(held)
        if (chat)
          actions.push(
            rig.engine.dispatcher.runUntrusted(command, {
              key: chat.key,
              preset: command === 'chat.snooze' ? '15m' : undefined,
            }),
          )
      }
    }
    await vi.advanceTimersByTimeAsync(1_000)
  }
  faults.config.rate = 0
  await vi.advanceTimersByTimeAsync(5 * 60_000)
  const outcomes = (await Promise.all(actions)) as { ok: boolean }[]

  // The budget: never more than 120 requests in any sliding minute, and the server never had to say 429.
  expect(rig.fake.maxRequestsInWindow()).toBeLessThanOrEqual(120)
  expect(rig.fake.log.filter((e) => e.status === 429)).toEqual([])
  // Faults really happened, and actions both succeeded and (when over budget) failed cleanly.
  expect(rig.fake.log.filter((e) => e.status === 503 || e.status === 0).length).toBeGreaterThan(50)
  expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(100)

  // Never announced twice.
  const added = new Map<string, number>()
  for (const event of rig.events)
    if (event.type === 'chat.added') added.set(event.chat.key, (added.get(event.chat.key) ?? 0) + 1)
  expect([...added.values()].every((n) => n === 1)).toBe(true)

  // Nothing lost: the tray's open chats are exactly the server's, with the same status and assignee.
  const serverOpen = new Map(db.openChats().map((c) => [`helpcrunch:${c.id}`, c]))
  const trayOpen = rig.engine.store.bySource('helpcrunch').filter((c) => c.state !== 'closed')
  expect(trayOpen.map((c) => c.key).sort()).toEqual([...serverOpen.keys()].sort())
  for (const chat of trayOpen) {
    const server = serverOpen.get(chat.key)
    expect(normalizeStatus(chat.rawStatus)).toBe(normalizeStatus(server?.status ?? ''))
    expect(chat.assignee?.id ?? null).toBe(server?.assignee === null ? null : String(server?.assignee))
  }
  expect(serverOpen.size).toBeGreaterThan(40)
  await rig.adapter.stop()
}, 60_000)

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PresenceReport } from '../../../shared/protocol/team'
import { EventBus } from '../../core/engine/event-bus'
import { LocalTeam } from '../../core/engine/team-local'
import { startPresenceReporter } from './presence-reporter'

const T0 = 1_767_607_200_000

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => vi.useRealTimers())

function reporter(heartbeatMs = 10_000) {
  const team = new LocalTeam(new EventBus())
  team.dndUntil = () => null
  const sent: PresenceReport[] = []
  let connected = true
  const running = startPresenceReporter({
    team,
    now: () => Date.now(),
    connected: () => connected,
    send: async (report) => {
      sent.push(report)
      return { heartbeatMs }
    },
  })
  return { team, sent, running, disconnect: () => (connected = false) }
}

describe('presence reports of a desktop following a hub', () => {
  it('reports at once, then every heartbeat the hub asks for, and a burst of changes as one', async () => {
    const r = reporter()
    await vi.advanceTimersByTimeAsync(0)
    expect(r.sent).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(r.sent).toHaveLength(2)
    r.team.setActivity('locked')
    r.team.noteOpened('deskdirector:1', T0 + 10_000)
    await vi.advanceTimersByTimeAsync(200)
    expect(r.sent).toHaveLength(3)
    expect(r.sent[2]).toEqual({
      online: true,
      dndUntil: null,
      onShift: null,
      activity: 'locked',
      openChat: { key: 'deskdirector:1', at: T0 + 10_000 },
    })
    // An opened chat counts for five minutes.
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(r.sent.at(-1)?.openChat).toBeNull()
    await r.running.stop(true)
    expect(r.sent.at(-1)?.online).toBe(false)
  })

  it('waits for the connection instead of reporting into the void', async () => {
    const r = reporter()
    r.disconnect()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(r.sent).toHaveLength(0)
    await r.running.stop(true)
    expect(r.sent).toHaveLength(0)
  })
})

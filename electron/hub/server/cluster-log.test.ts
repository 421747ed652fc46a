import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Logger } from '../../core/engine/log'
import { logClusterChanges } from './cluster-log'
import type { ClusterState } from './cluster-state'

afterEach(() => {
  vi.useRealTimers()
})

describe('cluster state in the hub log', () => {
  it('logs the state at start and each change once, with what it was; the store lost is a warning', () => {
    vi.useFakeTimers()
    const lines: [string, string, Record<string, unknown> | undefined][] = []
    const at =
      (level: string) =>
      (message: string, fields?: Record<string, unknown>): void => {
        lines.push([level, message, fields])
      }
    const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
    let state: ClusterState = { role: 'follower', store: 'up', fence: 1 }
    const watch = logClusterChanges(() => state, log, 1000)
    vi.advanceTimersByTime(5000)
    expect(lines).toEqual([['info', 'hub cluster state', { role: 'follower', store: 'up', fence: 1 }]])
    state = { role: 'leader', store: 'up', fence: 2 }
    vi.advanceTimersByTime(1000)
    state = { role: 'leader', store: 'down', fence: 2 }
    watch.check()
    vi.advanceTimersByTime(3000)
    expect(lines.slice(1)).toEqual([
      [
        'info',
        'hub cluster state changed',
        { role: 'leader', store: 'up', fence: 2, was: { role: 'follower', store: 'up', fence: 1 } },
      ],
      [
        'warn',
        'hub cluster state changed',
        { role: 'leader', store: 'down', fence: 2, was: { role: 'leader', store: 'up', fence: 2 } },
      ],
    ])
    watch.stop()
    state = { role: 'follower', store: 'up' }
    vi.advanceTimersByTime(5000)
    expect(lines).toHaveLength(3)
  })
})

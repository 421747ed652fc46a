import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TimerQueue } from './timer-queue'

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }))
afterEach(() => vi.useRealTimers())

describe('TimerQueue', () => {
  it('runs jobs in due order with one armed timer, replacing and cancelling by id', () => {
    const q = new TimerQueue(Date.now, () => {})
    const ran: string[] = []
    for (let i = 0; i < 1000; i++) q.schedule(`j${i}`, 1_000_000 + 5_000 + i, () => ran.push(`j${i}`))
    q.schedule('j3', 1_000_000 + 100, () => ran.push('j3-early'))
    q.cancel('j4')
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(5_002)
    expect(ran).toEqual(['j3-early', 'j0', 'j1', 'j2'])
    vi.advanceTimersByTime(10_000)
    expect(ran).toHaveLength(999)
    expect(q.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('isolates a throwing job and keeps going; stop() clears everything', () => {
    const onError = vi.fn()
    const q = new TimerQueue(Date.now, onError)
    const ran: string[] = []
    q.schedule('bad', 1_000_010, () => {
      throw new Error('boom')
    })
    q.schedule('good', 1_000_020, () => ran.push('good'))
    vi.advanceTimersByTime(50)
    expect(onError).toHaveBeenCalledWith(expect.any(Error), 'bad')
    expect(ran).toEqual(['good'])
    q.schedule('later', 1_000_500, () => ran.push('later'))
    q.stop()
    vi.advanceTimersByTime(1_000)
    expect(ran).toEqual(['good'])
  })

  it('waits beyond the setTimeout limit by re-arming', () => {
    const q = new TimerQueue(Date.now, () => {})
    const ran = vi.fn()
    q.schedule('far', 1_000_000 + 40 * 86_400_000, ran)
    vi.advanceTimersByTime(30 * 86_400_000)
    expect(ran).not.toHaveBeenCalled()
    vi.advanceTimersByTime(10 * 86_400_000)
    expect(ran).toHaveBeenCalledOnce()
  })

  it('arms once after running due jobs that schedule their successors (not once per job)', () => {
    const q = new TimerQueue(Date.now, () => {})
    const ran: string[] = []
    const remind = (id: string) => {
      ran.push(id)
      q.schedule(id, Date.now() + 3_600_000, remind)
    }
    for (let i = 0; i < 100; i++) q.schedule(`chat${i}`, 1_000_000 - 100 + i, remind)
    const armed = vi.spyOn(globalThis, 'setTimeout')
    vi.advanceTimersByTime(1)
    expect(ran).toHaveLength(100)
    expect(armed).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(3_600_000)
    expect(ran).toHaveLength(200)
  })

  it('runs jobs scheduled already due on the next turn without re-arming the timer of a later job', () => {
    const q = new TimerQueue(Date.now, () => {})
    const ran: string[] = []
    q.schedule('later', 1_000_000 + 60_000, () => ran.push('later'))
    const armed = vi.spyOn(globalThis, 'setTimeout')
    const disarmed = vi.spyOn(globalThis, 'clearTimeout')
    for (let i = 0; i < 50; i++) q.schedule(`due${i}`, 1_000_000 - 100 + i, (id) => ran.push(id))
    expect(ran).toEqual([])
    vi.advanceTimersByTime(0)
    expect(ran).toHaveLength(50)
    expect(ran[0]).toBe('due0')
    expect(armed).not.toHaveBeenCalled()
    expect(disarmed).not.toHaveBeenCalled()
    vi.advanceTimersByTime(60_000)
    expect(ran.at(-1)).toBe('later')
  })
})

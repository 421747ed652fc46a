import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProtocolEvent } from '../../../shared/protocol'
import { CommandQueue } from './command-queue'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

const line = (id: number) => JSON.stringify({ id: `c${id}`, command: 'agents.list' })
type Result = Extract<ProtocolEvent, { type: 'command.result' }>

function queueOf(run: (line: string) => Promise<ProtocolEvent | null>, maxWaiting = 100) {
  const answers: Result[] = []
  const paused: boolean[] = []
  const queue = new CommandQueue({
    run: (l) => run(l as string),
    answer: (result) => answers.push(result as Result),
    writable: async () => {},
    pauseInput: (p) => paused.push(p),
    maxWaiting,
  })
  return { queue, answers, paused }
}

const ok = (l: string): Result => ({ type: 'command.result', id: JSON.parse(l).id, ok: true, result: {} })

describe('CommandQueue', () => {
  it('runs commands one at a time in arrival order', async () => {
    const started: string[] = []
    const { queue, answers } = queueOf(async (l) => {
      started.push(JSON.parse(l).id)
      await new Promise((resolve) => setTimeout(resolve, 10))
      return ok(l)
    })
    for (let i = 0; i < 3; i++) queue.push(line(i))
    queue.push('   ')
    await vi.advanceTimersByTimeAsync(100)
    expect(started).toEqual(['c0', 'c1', 'c2'])
    expect(answers.map((a) => a.id)).toEqual(['c0', 'c1', 'c2'])
  })

  it('stop answers 19 queued commands "stopping" at once and the hanging one at the deadline', async () => {
    let late: ((r: ProtocolEvent) => void) | null = null
    const { queue, answers } = queueOf(
      (l) =>
        new Promise((resolve) => {
          late = () => resolve(ok(l))
        }),
    )
    for (let i = 0; i < 20; i++) queue.push(line(i))
    await vi.advanceTimersByTimeAsync(0)
    const stopped = queue.stop(5_000)
    await vi.advanceTimersByTimeAsync(0)
    expect(answers).toHaveLength(19)
    expect(answers.every((a) => !a.ok && a.error?.code === 'stopping')).toBe(true)
    expect(answers.map((a) => a.id)).toEqual(Array.from({ length: 19 }, (_, i) => `c${i + 1}`))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await stopped).toBe(20)
    expect(answers.at(-1)).toMatchObject({ id: 'c0', ok: false, error: { code: 'stopping' } })
    ;(late as unknown as () => void)()
    await vi.advanceTimersByTimeAsync(0)
    expect(answers).toHaveLength(20) // the late result is dropped: one answer per command
    queue.push(line(99))
    expect(answers.at(-1)).toMatchObject({ id: 'c99', error: { code: 'stopping' } })
  })

  it('a command that finishes before the deadline is answered with its own result', async () => {
    const { queue, answers } = queueOf(async (l) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      return ok(l)
    })
    queue.push(line(1))
    queue.push(line(2))
    await vi.advanceTimersByTimeAsync(0)
    const stopped = queue.stop(5_000)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await stopped).toBe(1)
    expect(answers.map((a) => [a.id, a.ok])).toEqual([
      ['c2', false],
      ['c1', true],
    ])
  })

  it('pauses input past maxWaiting lines and resumes at half', async () => {
    const gates: (() => void)[] = []
    const { queue, paused } = queueOf(
      (l) =>
        new Promise((resolve) => {
          gates.push(() => resolve(ok(l)))
        }),
      4,
    )
    for (let i = 0; i < 6; i++) queue.push(line(i))
    await vi.advanceTimersByTimeAsync(0)
    expect(paused).toEqual([true])
    for (let i = 0; i < 3; i++) {
      gates.shift()?.()
      await vi.advanceTimersByTimeAsync(0)
    }
    expect(paused).toEqual([true, false])
  })
})

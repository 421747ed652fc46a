/**
 * The headless host's commands, run one at a time in arrival order, with two bounds:
 * - what waits is bounded: past `maxWaiting` lines stdin is paused (the writer then waits, as with any pipe),
 *   and no command starts while stdout is full (its reader is behind), so results cannot pile up either;
 * - stopping is bounded: `stop(deadlineMs)` answers every command that has not started with the error code
 *   `stopping` at once, gives the one in flight until the deadline, then answers it `stopping` too (a result
 *   that arrives later is dropped).
 */
import type { CommandError, ProtocolEvent } from '../../../shared/protocol'
import { OVERLONG_LINE } from './ndjson'

/** What the queue runs commands with and answers through. */
export interface CommandQueueDeps {
  /** Runs one line (see `handleCommandLine`); resolves with the `command.result` to write, or null. */
  run(line: string | typeof OVERLONG_LINE): Promise<ProtocolEvent | null>
  /** Writes a result. */
  answer(result: ProtocolEvent): void
  /** Resolves when the output has room (the next command waits for it). */
  writable(): Promise<void>
  /** Stops (true) or resumes (false) reading input. */
  pauseInput(paused: boolean): void
  /** Most lines waiting before input is paused; it resumes at half. */
  maxWaiting: number
}

interface Running {
  id: string | null
  answered: boolean
}

const STOPPING: CommandError['code'] = 'stopping'

/** The command queue of one host. */
export class CommandQueue {
  private readonly waiting: (string | typeof OVERLONG_LINE)[] = []
  private running: Running | null = null
  private draining = false
  private idle: Promise<void> = Promise.resolve()
  private paused = false
  private stopped = false

  constructor(private readonly deps: CommandQueueDeps) {}

  /** Queues one input line. */
  push(line: string | typeof OVERLONG_LINE): void {
    if (line !== OVERLONG_LINE && line.trim() === '') return
    if (this.stopped) {
      this.deps.answer(stoppingResult(idOf(line), 'the host is stopping; the command was not run'))
      return
    }
    this.waiting.push(line)
    if (!this.paused && this.waiting.length >= this.deps.maxWaiting) {
      this.paused = true
      this.deps.pauseInput(true)
    }
    if (!this.draining) this.idle = this.drain()
  }

  /** Lines not yet started. */
  get backlog(): number {
    return this.waiting.length
  }

  /**
   * Answers what waits with `stopping`, waits for the command in flight until `deadlineMs` has passed, then
   * answers it `stopping` if it is still running. Resolves with how many commands were answered `stopping`.
   */
  async stop(deadlineMs: number): Promise<number> {
    this.stopped = true
    let stopped = 0
    for (const line of this.waiting.splice(0)) {
      this.deps.answer(stoppingResult(idOf(line), 'the host is stopping; the command was not run'))
      stopped++
    }
    const running = this.running
    if (!running) return stopped
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), deadlineMs)
    })
    const outcome = await Promise.race([this.idle.then(() => 'done' as const), deadline])
    clearTimeout(timer)
    if (outcome === 'deadline' && !running.answered) {
      running.answered = true
      this.deps.answer(stoppingResult(running.id, `the host stopped before the command finished (${deadlineMs} ms)`))
      stopped++
    }
    return stopped
  }

  private async drain(): Promise<void> {
    this.draining = true
    try {
      await this.runWaiting()
    } finally {
      this.draining = false
    }
  }

  private async runWaiting(): Promise<void> {
    while (this.waiting.length > 0 && !this.stopped) {
      await this.deps.writable()
      if (this.stopped) return
      const line = this.waiting.shift() as string | typeof OVERLONG_LINE
      if (this.paused && this.waiting.length <= this.deps.maxWaiting / 2) {
        this.paused = false
        this.deps.pauseInput(false)
      }
      const running: Running = { id: idOf(line), answered: false }
      this.running = running
      try {
        const result = await this.deps.run(line)
        if (result && !running.answered) {
          running.answered = true
          this.deps.answer(result)
        }
      } finally {
        this.running = null
      }
    }
  }
}

/** The `id` of a command line, when one can be read (what a `stopping` answer is addressed to). */
export function idOf(line: string | typeof OVERLONG_LINE): string | null {
  if (line === OVERLONG_LINE) return null
  try {
    const id = (JSON.parse(line) as { id?: unknown } | null)?.id
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null
  } catch {
    return null
  }
}

function stoppingResult(id: string | null, message: string): ProtocolEvent {
  return { type: 'command.result', id, ok: false, error: { code: STOPPING, message } }
}

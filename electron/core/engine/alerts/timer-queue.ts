/**
 * One timer for everything the alert policy waits for (reminders, snooze ends, batch windows, DND end).
 * Jobs sit in a binary min-heap; only the earliest is armed with `setTimeout`, so 10,000 waiting chats cost
 * one timer, not 10,000, and there is no polling loop; jobs already due when scheduled run on the next turn
 * (`setImmediate`) instead. Rescheduling leaves a stale heap entry that is
 * skipped when popped (and compacted when stale entries pile up).
 *
 * Jobs are asked for at a wall-clock time (what is shown and saved), but waited for on the monotonic clock:
 * `at` becomes a monotonic due time when scheduled, so a wall clock set back 15 minutes delays nothing. A job
 * is due when either clock says so (a clock set forward, or a machine that slept, runs it no later than the
 * wall time). The job is told the wall time it was asked for, so its own arithmetic is not thrown by a jump, and
 * what a job schedules while it runs is placed relative to the job's own due time (a reminder's successor comes
 * one interval after it on the monotonic clock, whatever the wall clock did in between).
 */

interface Entry {
  /** The wall-clock time (epoch ms) the job was asked for. */
  at: number
  /** The same moment on the monotonic clock, as seen when it was scheduled. */
  due: number
  id: string
  run: (id: string, at: number) => void
}

/** The largest delay `setTimeout` accepts; longer waits re-arm on wake-up. */
const MAX_DELAY = 2_147_483_647
/**
 * Timer slack: an armed timer due at most this much later than a new earliest job is kept (the job runs up to
 * this late). Re-arming costs a clearTimeout + setTimeout pair, which dominates a 10,000-chat first sync.
 */
const SLACK_MS = 50

/** A keyed single-timer scheduler. Scheduling an id again replaces its job. */
export class TimerQueue {
  private heap: Entry[] = []
  /** The current entry of each id; a heap entry that is not its id's current one is stale. */
  private readonly jobs = new Map<string, Entry>()
  private armed: { due: number; handle: ReturnType<typeof setTimeout> } | null = null
  private stopped = false
  /** True while `fire` runs due jobs. */
  private firing = false
  /** The job running now: what it schedules is timed from its due time. */
  private current: Entry | null = null
  /** The turn on which jobs already due run. */
  private immediate: ReturnType<typeof setImmediate> | null = null

  /**
   * `now` is the wall clock (epoch ms); `monotonic` a clock that only moves forward at a steady pace (ms), by
   * default `performance.now`.
   */
  constructor(
    private readonly now: () => number,
    private readonly onError: (error: unknown, id: string) => void,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /**
   * Runs `run(id)` at epoch ms `at` (at once if already due), replacing any job with the same id. A time that is
   * not a finite number is refused (reported to `onError`, the job is not kept): in the heap it would compare
   * false with everything, sit on top forever and stop every other job.
   */
  schedule(id: string, at: number, run: (id: string, at: number) => void): void {
    if (this.stopped) return
    if (typeof at !== 'number' || !Number.isFinite(at)) {
      this.jobs.delete(id)
      this.onError(new RangeError(`timer "${id}" refused: due time ${String(at).slice(0, 40)} is not a time`), id)
      return
    }
    const from = this.current
    const due = from ? from.due + (at - from.at) : this.monotonic() + (at - this.now())
    const entry: Entry = { at, due, id, run }
    this.jobs.set(id, entry)
    this.push(entry)
    if (this.heap.length > 2 * this.jobs.size + 64) this.compact()
    // A job scheduling its successor while due jobs run: `fire` arms once when they are done (arming here
    // would set and clear one timer per job run — at a burst of new waiting chats, one per chat).
    if (!this.firing) this.arm()
  }

  /** Cancels the job with this id, if any. */
  cancel(id: string): void {
    this.jobs.delete(id)
  }

  /** The wall-clock time the job with this id was asked for, if scheduled. */
  dueAt(id: string): number | undefined {
    return this.jobs.get(id)?.at
  }

  /** Number of pending jobs. */
  get size(): number {
    return this.jobs.size
  }

  /** Drops every job and the timer; later `schedule` calls are ignored. */
  stop(): void {
    this.stopped = true
    this.jobs.clear()
    this.heap = []
    if (this.armed) clearTimeout(this.armed.handle)
    this.armed = null
    if (this.immediate) clearImmediate(this.immediate)
    this.immediate = null
  }

  private readonly runDue = (): void => {
    this.immediate = null
    this.fire(false)
  }

  private fire(fromTimer = true): void {
    if (fromTimer) this.armed = null
    this.firing = true
    try {
      for (let top = this.live(); top && this.isDue(top); top = this.live()) {
        this.pop()
        this.jobs.delete(top.id)
        this.current = top
        try {
          top.run(top.id, top.at)
        } catch (error) {
          this.onError(error, top.id)
        } finally {
          this.current = null
        }
      }
    } finally {
      this.firing = false
    }
    this.arm()
  }

  private arm(): void {
    const top = this.live()
    if (top && !this.stopped && this.isDue(top)) {
      // Already due: run on the next turn, leaving the armed timer for the later jobs. At a burst of new waiting
      // chats (each with a reminder due at once) this spares a clear, set and unref of the timer per turn.
      this.immediate ??= setImmediate(this.runDue)
      return
    }
    // When the earliest job needs the timer, on the monotonic clock: its due time, or sooner if the wall clock
    // (set forward since) reaches its wall time first.
    const needed = top ? this.monotonic() + Math.min(top.due - this.monotonic(), top.at - this.now()) : 0
    if (this.armed && top && this.keeps(this.armed.due, needed)) return
    if (this.armed && (!top || this.armed.due !== needed)) {
      clearTimeout(this.armed.handle)
      this.armed = null
    }
    if (!top || this.armed || this.stopped) return
    const delay = Math.min(Math.max(needed - this.monotonic(), 0), MAX_DELAY)
    const handle = setTimeout(() => this.fire(), delay)
    handle.unref?.()
    this.armed = { due: needed, handle }
  }

  /** True when either clock has reached the job. */
  private isDue(entry: Entry): boolean {
    return entry.due <= this.monotonic() || entry.at <= this.now()
  }

  /** True when the armed timer serves the new earliest job: due no later than it (plus slack), or already due. */
  private keeps(armedDue: number, needed: number): boolean {
    if (armedDue === needed) return true
    if (armedDue < needed) return false
    return armedDue - needed <= SLACK_MS || armedDue <= this.monotonic()
  }

  /** The earliest entry whose job is still current (stale entries are dropped on the way). */
  private live(): Entry | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0] as Entry
      if (this.jobs.get(top.id) === top) return top
      this.pop()
    }
    return undefined
  }

  private compact(): void {
    this.heap = []
    for (const entry of this.jobs.values()) this.push(entry)
  }

  private push(entry: Entry): void {
    const heap = this.heap
    heap.push(entry)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if ((heap[parent] as Entry).due <= entry.due) break
      heap[i] = heap[parent] as Entry
      i = parent
    }
    heap[i] = entry
  }

  private pop(): void {
    const heap = this.heap
    const last = heap.pop() as Entry
    if (heap.length === 0) return
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= heap.length) break
      const right = left + 1
      const child = right < heap.length && (heap[right] as Entry).due < (heap[left] as Entry).due ? right : left
      if ((heap[child] as Entry).due >= last.due) break
      heap[i] = heap[child] as Entry
      i = child
    }
    heap[i] = last
  }
}

/**
 * One timer for everything the alert policy waits for (reminders, snooze ends, batch windows, DND end).
 * Jobs sit in a binary min-heap; only the earliest is armed with `setTimeout`, so 10,000 waiting chats cost
 * one timer, not 10,000, and there is no polling loop; jobs already due when scheduled run on the next turn
 * (`setImmediate`) instead. Rescheduling leaves a stale heap entry that is
 * skipped when popped (and compacted when stale entries pile up).
 */

interface Entry {
  at: number
  id: string
  run: (id: string) => void
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
  private armed: { at: number; handle: ReturnType<typeof setTimeout> } | null = null
  private stopped = false
  /** True while `fire` runs due jobs. */
  private firing = false
  /** The turn on which jobs already due run. */
  private immediate: ReturnType<typeof setImmediate> | null = null

  constructor(
    private readonly now: () => number,
    private readonly onError: (error: unknown, id: string) => void,
  ) {}

  /** Runs `run(id)` at epoch ms `at` (at once if already due), replacing any job with the same id. */
  schedule(id: string, at: number, run: (id: string) => void): void {
    if (this.stopped) return
    const entry: Entry = { at, id, run }
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

  /** When the job with this id is due, if scheduled. */
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
    const now = this.now()
    this.firing = true
    try {
      for (let top = this.live(); top && top.at <= now; top = this.live()) {
        this.pop()
        this.jobs.delete(top.id)
        try {
          top.run(top.id)
        } catch (error) {
          this.onError(error, top.id)
        }
      }
    } finally {
      this.firing = false
    }
    this.arm()
  }

  private arm(): void {
    const top = this.live()
    if (top && !this.stopped && top.at <= this.now()) {
      // Already due: run on the next turn, leaving the armed timer for the later jobs. At a burst of new waiting
      // chats (each with a reminder due at once) this spares a clear, set and unref of the timer per turn.
      this.immediate ??= setImmediate(this.runDue)
      return
    }
    if (this.armed && top && this.keeps(this.armed.at, top.at)) return
    if (this.armed && (!top || this.armed.at !== top.at)) {
      clearTimeout(this.armed.handle)
      this.armed = null
    }
    if (!top || this.armed || this.stopped) return
    const delay = Math.min(Math.max(top.at - this.now(), 0), MAX_DELAY)
    const handle = setTimeout(() => this.fire(), delay)
    handle.unref?.()
    this.armed = { at: top.at, handle }
  }

  /** True when the armed timer serves the new earliest job: due no later than it (plus slack), or already due. */
  private keeps(armedAt: number, topAt: number): boolean {
    if (armedAt === topAt) return true
    if (armedAt < topAt) return false
    return armedAt - topAt <= SLACK_MS || armedAt <= this.now()
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
      if ((heap[parent] as Entry).at <= entry.at) break
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
      const child = right < heap.length && (heap[right] as Entry).at < (heap[left] as Entry).at ? right : left
      if ((heap[child] as Entry).at >= last.at) break
      heap[i] = heap[child] as Entry
      i = child
    }
    heap[i] = last
  }
}

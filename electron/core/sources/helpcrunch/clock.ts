/**
 * Time and timers of the HelpCrunch source, injectable so the benchmark can run a compressed clock.
 * The default reads the global timer functions at call time, so vitest's fake timers replace them.
 */

/** A clock with one-shot timers. */
export interface Clock {
  now(): number
  /** Schedules `fn` after `ms`; the timer does not keep the process alive. */
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** The real clock. Timers are unref'd: the host (stdin, Electron) keeps the process alive, not the poller. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms)
    ;(timer as { unref?: () => void }).unref?.()
    return timer
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

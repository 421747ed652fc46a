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

/** `setTimeout`'s largest delay; a longer one fires after 1 ms (Node warns `TimeoutOverflowWarning`). */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The real clock. Timers are unref'd: the host (stdin, Electron) keeps the process alive, not the poller; a
 * delay beyond `MAX_TIMER_MS` is clamped to it (callers cap their waits far below anyway).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS))
    ;(timer as { unref?: () => void }).unref?.()
    return timer
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

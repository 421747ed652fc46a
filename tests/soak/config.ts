/** The soak's knobs: one run's duration and seed, and the timeline derived from them (all in ms from start). */

/** What one soak run does and when. */
export interface SoakConfig {
  durationMs: number
  seed: number
  /** Share of HelpCrunch calls that get a fault. */
  faultRate: number
  /** Chats in the burst, and how long the burst lasts. */
  burstChats: number
  burstSpanMs: number
  burstAtMs: number
  /** When the host is SIGKILLed (one falls inside the burst). */
  killAtMs: number[]
  /** When the "after warm-up" heap is measured (after the last restart and the burst). */
  warmHeapAtMs: number
  /** New chats per second per source outside the burst. */
  ddChatsPerSecond: number
  hcChatsPerSecond: number
  /** Longest wait for the host to converge after traffic stops. */
  settleTimeoutMs: number
  /** Print progress lines to stderr. */
  verbose: boolean
}

/** The timeline for a run of `durationMs`, with seeded kill moments. */
export function soakConfig(durationMs: number, seed: number, random: () => number, verbose = false): SoakConfig {
  const d = durationMs
  const burstAtMs = Math.round(0.3 * d)
  const burstSpanMs = 10_000
  const between = (from: number, to: number) => Math.round(from + random() * (to - from))
  const killAtMs = [between(0.12 * d, 0.25 * d), between(burstAtMs + 1_000, burstAtMs + burstSpanMs - 1_000)]
  // Longer runs get a third kill before the heap baseline, at a random moment of ordinary traffic.
  if (d >= 180_000) killAtMs.push(between(burstAtMs + burstSpanMs + 5_000, 0.5 * d))
  const lastKill = Math.max(...killAtMs)
  return {
    durationMs: d,
    seed,
    faultRate: 0.2,
    burstChats: 500,
    burstSpanMs,
    burstAtMs,
    killAtMs,
    warmHeapAtMs: Math.max(lastKill, burstAtMs + burstSpanMs) + Math.max(15_000, Math.round(0.1 * d)),
    ddChatsPerSecond: 0.8,
    hcChatsPerSecond: 0.4,
    settleTimeoutMs: 240_000,
    verbose,
  }
}

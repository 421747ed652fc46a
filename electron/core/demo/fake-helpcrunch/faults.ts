/**
 * Fault injection for the fake server: a random fault rate and/or a queue of scripted faults, served
 * first. Randomness comes from a seeded generator so tests and benchmarks are repeatable.
 */

/** What can go wrong with one request. */
export type FaultKind = 'server-error' | 'timeout' | 'malformed' | 'slow' | 'rate-limit'

/** The fault settings (all mutable at run time). */
export interface FaultConfig {
  /** Probability (0..1) that a request gets a random fault from `kinds`. */
  rate: number
  kinds: FaultKind[]
  /** Delay of a `slow` response. */
  slowMs: number
  /** Seconds sent in `Retry-After` with an injected 429; null sends none (as documented: no header). */
  retryAfterSeconds: number | null
}

/** A small seeded PRNG (mulberry32): deterministic runs for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Picks the fault of the next request: the scripted queue first, then the random rate. */
export class FaultInjector {
  readonly config: FaultConfig = { rate: 0, kinds: ['server-error'], slowMs: 3_000, retryAfterSeconds: null }
  /** Scripted faults, used in order, one per request. `null` = let this request through. */
  readonly queue: (FaultKind | null)[] = []

  constructor(private readonly random: () => number = seededRandom(1)) {}

  /** The fault for the next request, or null. */
  next(): FaultKind | null {
    if (this.queue.length > 0) return this.queue.shift() ?? null
    const { rate, kinds } = this.config
    if (rate <= 0 || kinds.length === 0 || this.random() >= rate) return null
    return kinds[Math.floor(this.random() * kinds.length)] ?? null
  }
}

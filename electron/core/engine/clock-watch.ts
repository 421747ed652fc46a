/**
 * What the engine knows of each source's clock. A source says what its sender's clock read when it can (the
 * `Date` header of an answer or a delivery, an event's send time); the watch keeps the offset from the local
 * clock, warns in plain words when the two disagree by more than a minute, and gives the best estimate of the
 * sender's clock for judging chat versions. A version dated ahead of that is never refused (DESIGN §3: a version
 * is never compared with the local clock to refuse it): the store takes it and orders it as of its arrival, and
 * the watch counts it and says so.
 */
import type { StatusNotes } from './status-notes'

/** Local and sender clocks may differ this much before the status warns. */
export const CLOCK_SKEW_LIMIT_MS = 60_000
/** Samples of the offset kept per source; their median is used (one slow delivery does not move it). */
const SAMPLES = 5

/** Offsets and versions dated ahead, per source. */
export class ClockWatch {
  private readonly offsets = new Map<string, number[]>()
  /** The median of each source's samples, kept current by `observe` (read on every ingest). */
  private readonly medians = new Map<string, number>()
  private readonly ahead = new Map<string, { count: number; maxMs: number }>()

  constructor(
    private readonly notes: StatusNotes,
    private readonly now: () => number,
    private readonly label: (source: string) => string,
  ) {}

  /** `source`'s clock reads `senderNow` (epoch ms) at this moment. */
  observe(source: string, senderNow: number): void {
    if (!Number.isFinite(senderNow)) return
    const samples = this.offsets.get(source) ?? []
    samples.push(senderNow - this.now())
    if (samples.length > SAMPLES) samples.shift()
    this.offsets.set(source, samples)
    const sorted = [...samples].sort((a, b) => a - b)
    const offset = sorted[Math.floor(sorted.length / 2)] as number
    this.medians.set(source, offset)
    const who = this.label(source)
    this.notes.set(
      source,
      'clock-skew',
      Math.abs(offset) <= CLOCK_SKEW_LIMIT_MS
        ? null
        : `This computer's clock is ${span(Math.abs(offset))} ${offset > 0 ? 'behind' : 'ahead of'} ${who}'s: ` +
            'correct the system time. No chat is dropped because of it, but waiting times and snoozes use this clock',
    )
  }

  /** The best estimate of `source`'s clock now: the local clock, corrected by the offset observed last. */
  senderNow(source: string): number {
    return this.now() + (this.medians.get(source) ?? 0)
  }

  /** A chat version of `source` was dated `byMs` ahead of its sender's clock (and taken, ordered as of arrival). */
  noteAhead(source: string, byMs: number): void {
    const seen = this.ahead.get(source) ?? { count: 0, maxMs: 0 }
    seen.count++
    seen.maxMs = Math.max(seen.maxMs, byMs)
    this.ahead.set(source, seen)
    const versions = seen.count === 1 ? '1 chat version' : `${seen.count} chat versions`
    this.notes.set(
      source,
      'version-ahead',
      `${versions} from ${this.label(source)} ${seen.count === 1 ? 'was' : 'were'} dated up to ${span(seen.maxMs)} ` +
        "later than the sender's clock when it arrived: shown anyway, and later changes still replace " +
        `${seen.count === 1 ? 'it' : 'them'}. If this keeps happening, check this computer's clock`,
    )
  }

  /** For `/health`: the offset per source (sender minus local, ms) and versions dated ahead. */
  counters(): { offsetMs: Record<string, number>; versionsAhead: Record<string, number> } {
    const offsetMs: Record<string, number> = {}
    for (const [source, offset] of this.medians) offsetMs[source] = Math.round(offset)
    const versionsAhead: Record<string, number> = {}
    for (const [source, seen] of this.ahead) versionsAhead[source] = seen.count
    return { offsetMs, versionsAhead }
  }
}

/**
 * A duration in words, coarse on purpose ("45 s", "3 min", "5 h", "2 days"): a warning that said every second
 * of drift would be a new status at every answer.
 */
export function span(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 120) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h`
  return `${Math.round(hours / 24)} days`
}

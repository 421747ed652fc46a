/**
 * Dead letters: items of correctly signed deliveries that could not be applied (an unreadable session, an event
 * without a chat id). Such a delivery is still answered 2xx — a help desk pauses or deletes a webhook whose
 * deliveries fail — so this file is where what was not applied stays readable, with its reason. Bounded: at
 * most `maxEntries` letters of at most `maxItemChars` characters each; the oldest go first.
 */
import { z } from 'zod'
import type { Logger } from '../log'
import { type AppendLog, appendLogAt, linesOf } from './append-log'
import { parseNdjsonLines } from './ndjson-lines'
import type { StateHealth } from './state-health'

/** One item that was not applied. `item` is its JSON, cut to the size limit. */
export interface DeadLetter {
  at: number
  source: string
  reason: string
  item: string
}

/** Bounds of the dead letters. */
export interface DeadLetterLimits {
  maxEntries: number
  maxItemChars: number
}

/** Defaults: the last 500 letters, 16 KiB of each item. */
export const DEFAULT_DEAD_LETTER_LIMITS: DeadLetterLimits = { maxEntries: 500, maxItemChars: 16_384 }

const letterSchema = z.object({
  at: z.number(),
  source: z.string().max(40),
  reason: z.string().max(2_000),
  item: z.string().max(100_000),
})

/** The dead letters of the state directory (`path` null = memory only). */
export class DeadLetters {
  private letters: DeadLetter[] = []
  private readonly counts = new Map<string, number>()
  private readonly file: AppendLog | null

  constructor(
    path: string | null,
    log: Logger,
    private readonly now: () => number,
    private readonly limits: DeadLetterLimits = DEFAULT_DEAD_LETTER_LIMITS,
    private readonly health?: StateHealth,
  ) {
    this.file = appendLogAt(path, log, now, {
      appendFailed: 'could not keep a dead letter',
      compactFailed: 'could not compact the dead letters',
      snapshot: () => linesOf(this.letters),
      health,
    })
    if (this.file !== null) this.load(this.file)
  }

  /** Keeps one item that could not be applied, with its reason. Never throws. */
  add(source: string, reason: string, item: unknown): void {
    const letter: DeadLetter = { at: this.now(), source, reason: reason.slice(0, 2_000), item: this.serialise(item) }
    this.letters.push(letter)
    this.counts.set(source, (this.counts.get(source) ?? 0) + 1)
    if (this.letters.length > this.limits.maxEntries) this.letters.shift()
    if (this.file === null) return
    this.file.append(letter)
    if (this.file.appended > this.limits.maxEntries) this.file.rewrite(this.letters)
  }

  /** The kept letters, oldest first (of one source when given). */
  list(source?: string): DeadLetter[] {
    return source === undefined ? [...this.letters] : this.letters.filter((l) => l.source === source)
  }

  /** How many letters `source` added in this run. */
  countThisRun(source: string): number {
    return this.counts.get(source) ?? 0
  }

  /** Rewrites the file compactly and closes it. */
  close(): void {
    this.file?.closeWith(this.letters)
  }

  private serialise(item: unknown): string {
    let text: string
    try {
      text = typeof item === 'string' ? item : (JSON.stringify(item) ?? String(item))
    } catch {
      // Nested too deeply for the stack (or circular): say what it was, never throw — `String()` of a deep array
      // recurses too, and a throw here answered a signed delivery 500.
      text = `[${Array.isArray(item) ? 'an array' : typeof item} that cannot be written as JSON (nested too deeply)]`
    }
    const max = this.limits.maxItemChars
    return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text
  }

  private load(file: AppendLog): void {
    const content = file.readPrevious()
    if (content === null) return
    const { items, invalid } = parseNdjsonLines(content.split('\n'), letterSchema)
    this.health?.badLines(file.name, invalid)
    this.letters = items.slice(-this.limits.maxEntries)
    file.rewrite(this.letters)
  }
}

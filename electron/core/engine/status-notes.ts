/**
 * Warnings the engine itself adds to source statuses: a clock that disagrees with a help desk's, state that could
 * not be saved, chats that had to be repaired or skipped. Each has a code (`NoticeCode`) and plain words; the
 * engine merges them into the status a source reports (its `warnings` and `notices`), so they reach the health
 * strip, the tray and `/health` the way every other warning does. A notice is about one source, or about all.
 */
import type { NoticeCode, StatusNotice } from '../../../shared/protocol'

/** The engine's own notices, by source (`null` = every source). */
export class StatusNotes {
  private readonly bySource = new Map<string | null, Map<NoticeCode, string>>()

  /** `changed(source)` is told after a notice of `source` (null = of every source) was set or cleared. */
  constructor(private readonly changed: (source: string | null) => void) {}

  /** Sets the notice `code` of `source` (null = every source) to `message`, or clears it with null. */
  set(source: string | null, code: NoticeCode, message: string | null): void {
    const notes = this.bySource.get(source)
    if ((notes?.get(code) ?? null) === message) return
    if (message === null) notes?.delete(code)
    else if (notes) notes.set(code, message)
    else this.bySource.set(source, new Map([[code, message]]))
    this.changed(source)
  }

  /** The notices of `source`: its own, then those about every source. */
  of(source: string): StatusNotice[] {
    const out: StatusNotice[] = []
    for (const key of [source, null]) {
      for (const [code, message] of this.bySource.get(key) ?? []) out.push({ code, message })
    }
    return out
  }
}

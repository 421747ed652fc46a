/**
 * HelpCrunch records the transform could not map (an unknown status, a field of the wrong type): counted,
 * kept aside in the state directory's dead letters (once per record and reason, not once per poll), and said
 * on the source status in plain words (code `unmapped-records`) — a chat that cannot be read must never
 * vanish while the source says "OK". A record that reads fine again later stops being counted.
 */
import type { StatusNotice } from '../../../../shared/protocol'
import type { Logger } from '../../engine/log'
import type { DeadLetters } from '../../engine/persistence/dead-letters'
import type { InvalidRecord } from './client'

/** At most this many distinct records are remembered (a flood of bad records cannot grow memory). */
const MAX_TRACKED = 1_000

/** The unmapped records of one HelpCrunch connection. */
export class UnmappedRecords {
  /** Record id (or reason, for a record without one) → why it could not be read, while it still cannot. */
  private readonly current = new Map<string, string>()
  private kept = 0
  private lastReason = ''

  constructor(
    private readonly log: Logger,
    private readonly deadLetters?: DeadLetters,
  ) {}

  /** Notes the records of one answer that could not be mapped. Returns true when the warning changed. */
  note(records: readonly InvalidRecord[]): boolean {
    const before = this.current.size
    for (const { reason, item } of records) {
      const id = (item as { id?: unknown } | null)?.id
      const key = typeof id === 'number' || typeof id === 'string' ? `id:${id}` : `reason:${reason}`
      if (this.current.get(key) === reason) continue
      if (this.current.size >= MAX_TRACKED && !this.current.has(key)) continue
      this.current.set(key, reason)
      this.kept++
      this.lastReason = reason
      this.deadLetters?.add('helpcrunch', reason, item)
      this.log.warn('helpcrunch: a chat record could not be read (kept as a dead letter)', { reason })
    }
    return this.current.size !== before
  }

  /** Records that read fine again (by id) no longer count. Returns true when the warning changed. */
  readable(ids: Iterable<string>): boolean {
    let changed = false
    for (const id of ids) changed = this.current.delete(`id:${id}`) || changed
    return changed
  }

  /** The warning, or null while every record reads. */
  warning(): StatusNotice | null {
    const count = this.current.size
    if (count === 0) return null
    return {
      code: 'unmapped-records',
      message:
        `${count} HelpCrunch chat${count === 1 ? '' : 's'} could not be read and ${count === 1 ? 'is' : 'are'} not shown ` +
        `(last reason: ${this.lastReason.slice(0, 200)}); ${this.kept} record${this.kept === 1 ? ' is' : 's are'} ` +
        'kept in dead-letters.ndjson in the state directory — please report this',
    }
  }
}

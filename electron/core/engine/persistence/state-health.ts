/**
 * What went wrong with the state directory in this run, said in plain words and counted: records that could
 * not be written yet (a full or read-only disk: they wait in memory and are written when the disk takes them)
 * and unreadable lines found at start-up. The runtime shows these as notices on every source's status (each
 * source's alerts and snoozes depend on the same directory) and in `/health`.
 */

/** Counters of the state directory for `/health`. */
export interface StateCounters {
  /** Records waiting in memory per file, now. */
  unsaved: Record<string, number>
  /** Writes that failed (each is retried). */
  writeFailures: number
  /** Records that waited and were written later. */
  savedLater: number
  /** Unreadable lines skipped at start-up, per file (a line cut short by a crash included). */
  badLines: Record<string, number>
}

/** The state directory's problems in this run. */
export class StateHealth {
  private readonly unsaved = new Map<string, { waiting: number; error: string }>()
  private readonly damaged = new Map<string, number>()
  private readonly listeners = new Set<() => void>()
  private writeFailures = 0
  private savedLater = 0
  private pending = false

  /** `file` has `waiting` records it could not write (0 = all written) because of `error`. */
  unsavedChanged(file: string, waiting: number, error: NodeJS.ErrnoException | null): void {
    const before = this.unsaved.get(file)
    if (waiting === 0) {
      if (!before) return
      this.savedLater += before.waiting
      this.unsaved.delete(file)
    } else {
      if (error) this.writeFailures++
      this.unsaved.set(file, { waiting, error: error ? plainError(error) : (before?.error ?? 'write failed') })
    }
    this.changed()
  }

  /** `count` unreadable lines of `file` were skipped at start-up. */
  badLines(file: string, count: number): void {
    if (count <= 0) return
    this.damaged.set(file, (this.damaged.get(file) ?? 0) + count)
    this.changed()
  }

  /** Calls `listener` after changes (soon after, never inside the write that caused them); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * The warning about unsaved records, or null when everything is written. It names the files, not the count (that
   * is in `/health`): a message that changed with every record would be a new status per record, and on the hub
   * each status is itself a record of the replay log.
   */
  unsavedNotice(): string | null {
    if (this.unsaved.size === 0) return null
    const [first] = this.unsaved.values()
    const files = [...this.unsaved.keys()].join(', ')
    return (
      `Could not save to the state directory (${first?.error}): changes to ${files} wait in memory and are ` +
      'written as soon as the disk takes them; until then a restart would lose them'
    )
  }

  /** The warning about unreadable lines found at start-up, or null. */
  damagedNotice(): string | null {
    if (this.damaged.size === 0) return null
    const parts = [...this.damaged].map(([file, n]) => `${n} in ${file}`)
    return `Unreadable lines in the state directory were skipped at start-up (${parts.join(', ')}); see the log`
  }

  /** Counters for `/health`. */
  counters(): StateCounters {
    return {
      unsaved: Object.fromEntries([...this.unsaved].map(([file, entry]) => [file, entry.waiting])),
      writeFailures: this.writeFailures,
      savedLater: this.savedLater,
      badLines: Object.fromEntries(this.damaged),
    }
  }

  /**
   * Listeners hear of changes after the current call has returned (one call per burst): a change happens inside a
   * write, and what a listener does (a status event, which the hub logs with the very writer that failed) must not
   * run inside it.
   */
  private changed(): void {
    if (this.pending) return
    this.pending = true
    queueMicrotask(() => {
      this.pending = false
      for (const listener of this.listeners) listener()
    })
  }
}

const PLAIN: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'the disk reported an input/output error',
}

/** An I/O error in plain words. */
export function plainError(error: NodeJS.ErrnoException): string {
  return (error.code && PLAIN[error.code]) ?? error.message.slice(0, 120)
}

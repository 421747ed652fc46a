/**
 * The file half of a bounded NDJSON state file: one JSON record per line, appended through a single handle
 * opened on first use, and rewritten whole (atomically) when its owner compacts it. The owner keeps the
 * records in memory and decides when the file has grown enough to compact (`appended` counts the lines since
 * the last rewrite). With `syncMs`, each append is fsynced within that time and the handle is fsynced on close.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import type { Logger } from '../log'
import { readTextIfExists, setAside, writeFileAtomic } from './atomic-file'
import { PRIVATE_FILE_MODE } from './private-files'

/** What an append log logs on failure, and how soon an append must reach the disk. */
export interface AppendLogOptions {
  /** Logged (with the error) when a record could not be appended. */
  appendFailed: string
  /** Logged (with the error) when the file could not be rewritten. */
  compactFailed: string
  /** Logged (with the error) when an fsync failed; only with `syncMs`. */
  syncFailed?: string
  /** When set, an appended record is fsynced within this many milliseconds. */
  syncMs?: number
}

/** One NDJSON file appended to and compacted by its owner. Never throws. */
export class AppendLog {
  private fd: number | null = null
  private appendedLines = 0
  private failedSinceWrite = 0
  private syncTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly path: string,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly options: AppendLogOptions,
  ) {}

  /** The text an earlier run left (null when there is none); an unreadable file is set aside and reads as none. */
  readPrevious(): string | null {
    try {
      return readTextIfExists(this.path)
    } catch (error) {
      setAside(this.path, (error as Error).message, this.log, this.now())
      return null
    }
  }

  /** Copies the file aside (the original stays) with the reason, for a file that was only partly readable. */
  copyAside(why: string): void {
    setAside(this.path, why, this.log, this.now(), true)
  }

  /** Records appended since the file was last rewritten. */
  get appended(): number {
    return this.appendedLines
  }

  /**
   * Records appended since the last one that reached the file (0 = the file ends with the last record
   * appended). An owner whose readers trust the file's tail (the hub's replay log) checks it after each append.
   */
  get unsaved(): number {
    return this.failedSinceWrite
  }

  /** Appends `record` as one line; a failure is logged, not thrown. */
  append(record: unknown): void {
    try {
      const text = `${JSON.stringify(record)}\n`
      this.fd ??= openSync(this.path, 'a', PRIVATE_FILE_MODE)
      // A short write (a full disk) leaves part of the line: count it as failed, so the owner knows.
      if (writeSync(this.fd, text) < Buffer.byteLength(text)) throw new Error('short write (is the disk full?)')
      this.failedSinceWrite = 0
      this.appendedLines++
      if (this.options.syncMs !== undefined) {
        this.syncTimer ??= setTimeout(() => this.sync(), this.options.syncMs)
        this.syncTimer.unref?.()
      }
    } catch (error) {
      this.failedSinceWrite++
      this.log.error(this.options.appendFailed, { error: (error as Error).message })
    }
  }

  /** Closes the handle and replaces the file with `records`, one a line; on failure the appended file stays. */
  rewrite(records: Iterable<unknown>): void {
    this.close()
    try {
      let out = ''
      for (const record of records) out += `${JSON.stringify(record)}\n`
      writeFileAtomic(this.path, out)
      this.appendedLines = 0
      this.failedSinceWrite = 0
    } catch (error) {
      this.log.error(this.options.compactFailed, { error: (error as Error).message })
    }
  }

  /** Closes the append handle (fsyncing it first when appends are synced); the next append reopens it. */
  close(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer)
    this.syncTimer = null
    if (this.fd !== null) {
      try {
        if (this.options.syncMs !== undefined) fsyncSync(this.fd)
        closeSync(this.fd)
      } catch {}
    }
    this.fd = null
  }

  private sync(): void {
    this.syncTimer = null
    try {
      if (this.fd !== null) fsyncSync(this.fd)
    } catch (error) {
      this.log.error(this.options.syncFailed ?? this.options.appendFailed, { error: (error as Error).message })
    }
  }
}

/** The append log at `path`, or null when `path` is null (the owner then keeps its records in memory only). */
export function appendLogAt(
  path: string | null,
  log: Logger,
  now: () => number,
  options: AppendLogOptions,
): AppendLog | null {
  return path === null ? null : new AppendLog(path, log, now, options)
}

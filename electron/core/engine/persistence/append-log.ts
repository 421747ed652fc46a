/**
 * The file half of a bounded NDJSON state file: one JSON record per line, appended through a single handle
 * opened on first use, and rewritten whole (atomically) when its owner compacts it. The owner keeps the
 * records in memory and decides when the file has grown enough to compact (`appended` counts the lines since
 * the last rewrite). With `syncMs`, each append is fsynced within that time and the handle is fsynced on close.
 *
 * A full or failing disk never loses a record silently and never tears the file: a write loops until every
 * byte is out; when it fails, the file is cut back to the end of its last whole record (a torn record can
 * never swallow the next good one), the record waits in memory, the state health says so, and the write is
 * retried every `RETRY_MS` and at the next append. Past `MAX_WAITING_BYTES` waiting, the file is rewritten
 * from the owner's `snapshot` instead once the disk takes it (an owner without one loses the oldest, logged). Over 200 lines on purpose: writing, cutting back,
 * syncing and retrying share one idea of where the last whole record ends.
 */
import * as nodeFs from 'node:fs'
import { basename } from 'node:path'
import type { Logger } from '../log'
import { readTextIfExists, setAside, writeFileAtomic } from './atomic-file'
import { PRIVATE_FILE_MODE } from './private-files'
import type { StateHealth } from './state-health'

/** The file system calls an append log makes (tests inject failing ones). */
export interface AppendFs {
  openSync(path: string, flags: string, mode: number): number
  writeSync(fd: number, buffer: Buffer, offset: number, length: number): number
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: number): number
  fstatSync(fd: number): { size: number }
  ftruncateSync(fd: number, length: number): void
  fsyncSync(fd: number): void
  closeSync(fd: number): void
  /** Replaces the file atomically (temp + fsync + rename). */
  writeFileAtomic(path: string, text: string): void
}

/** The real file system. */
export const NODE_APPEND_FS: AppendFs = {
  openSync: (path, flags, mode) => nodeFs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, length),
  readSync: (fd, buffer, offset, length, position) => nodeFs.readSync(fd, buffer, offset, length, position),
  fstatSync: (fd) => nodeFs.fstatSync(fd),
  ftruncateSync: (fd, length) => nodeFs.ftruncateSync(fd, length),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
  writeFileAtomic,
}

/** What an append log logs on failure, how soon an append must reach the disk, and where problems are told. */
export interface AppendLogOptions {
  /** Logged (with the error) when a record could not be appended (once per failure, not per record). */
  appendFailed: string
  /** Logged (with the error) when the file could not be rewritten. */
  compactFailed: string
  /** Logged (with the error) when an fsync failed; only with `syncMs`. */
  syncFailed?: string
  /** When set, an appended record is fsynced within this many milliseconds. */
  syncMs?: number
  /** The whole file as the owner holds it now: written instead when too much waits in memory. */
  snapshot?: () => string
  /** Where unsaved records are told (the status and `/health`). */
  health?: StateHealth
  fs?: AppendFs
}

/** How often writes that failed are retried (ms). */
export const RETRY_MS = 5_000
/** Most bytes of records kept waiting in memory; past this the owner's snapshot is written instead. */
export const MAX_WAITING_BYTES = 4 * 1024 * 1024

/** One NDJSON file appended to and compacted by its owner. Never throws. */
export class AppendLog {
  private fd: number | null = null
  private appendedLines = 0
  /** Bytes of whole records in the file: what a failed write is cut back to. */
  private size = 0
  /** Bytes known to be on disk (fsynced), and the records written after them (synced logs only). */
  private syncedSize = 0
  private unsynced: Buffer[] = []
  /** Records not written yet, oldest first. */
  private waiting: Buffer[] = []
  private waitingBytes = 0
  /** Records given up from `waiting` for the snapshot; the next successful rewrite covers them. */
  private coveredBySnapshot = 0
  /** The file may end in part of a record (a cut back failed): cut again before the next write. */
  private torn = false
  private failing: NodeJS.ErrnoException | null = null
  private syncTimer: NodeJS.Timeout | null = null
  private retryTimer: NodeJS.Timeout | null = null
  private closed = false
  private readonly fs: AppendFs
  /** The file's name (what problems are reported under). */
  readonly name: string

  constructor(
    private readonly path: string,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly options: AppendLogOptions,
  ) {
    this.fs = options.fs ?? NODE_APPEND_FS
    this.name = basename(path)
  }

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
   * Records appended but not in the file yet (0 = the file ends with the last record appended). An owner whose
   * readers trust the file's tail (the hub's replay log) checks it after each append.
   */
  get unsaved(): number {
    return this.waiting.length + this.coveredBySnapshot
  }

  /** Appends `record` as one line. Never throws: a record that cannot be written waits and is retried. */
  append(record: unknown): void {
    this.appendText(`${JSON.stringify(record)}\n`, false)
  }

  /** Appends whole lines; with `durable`, fsyncs before returning. Never throws (see `append`). */
  appendText(text: string, durable: boolean): void {
    if (this.closed) return
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.appendedLines++
    const buffer = Buffer.from(text)
    this.waiting.push(buffer)
    this.waitingBytes += buffer.length
    this.flush(durable)
  }

  /** Closes the handle and replaces the file with `records`, one a line; on failure the appended file stays. */
  rewrite(records: Iterable<unknown>): void {
    this.rewriteText(linesOf(records))
  }

  /** Replaces the file with `text` (whole lines); it then holds everything, so nothing waits any more. */
  rewriteText(text: string): void {
    this.closeHandle()
    try {
      this.fs.writeFileAtomic(this.path, text)
    } catch (error) {
      if (this.failing === null) this.log.error(this.options.compactFailed, { error: (error as Error).message })
      if (this.unsaved > 0) this.failed(error as NodeJS.ErrnoException)
      return
    }
    this.appendedLines = 0
    this.waiting = []
    this.waitingBytes = 0
    this.coveredBySnapshot = 0
    this.unsynced = []
    this.torn = false
    this.recovered()
  }

  /** Final: rewrites the file with `records` and closes it; nothing is retried afterwards. */
  closeWith(records: Iterable<unknown>): void {
    this.rewrite(records)
    this.close()
  }

  /** Final: fsyncs (when synced) and closes the handle and stops retrying; what still waits is logged as lost. */
  close(): void {
    if (this.unsaved > 0 && !this.closed) this.flush(true)
    if (this.unsaved > 0 && !this.closed) {
      this.log.error('state not saved before stopping', { file: this.name, records: this.unsaved })
    }
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.closeHandle()
  }

  /** Writes what waits (or the snapshot, when it had to take over); on failure cuts back and arranges a retry. */
  private flush(durable: boolean): void {
    if (this.coveredBySnapshot > 0) {
      if (this.options.snapshot) this.rewriteText(this.options.snapshot())
      return
    }
    let fd: number
    try {
      fd = this.open()
      if (this.torn) {
        this.fs.ftruncateSync(fd, this.size)
        this.torn = false
      }
      while (this.waiting.length > 0) {
        const buffer = this.waiting[0] as Buffer
        this.writeAll(fd, buffer)
        this.size += buffer.length
        this.waiting.shift()
        this.waitingBytes -= buffer.length
        if (this.options.syncMs !== undefined) this.unsynced.push(buffer)
      }
    } catch (error) {
      this.cutBack()
      this.failed(error as NodeJS.ErrnoException)
      return
    }
    if (durable) this.sync()
    else if (this.options.syncMs !== undefined && this.unsynced.length > 0) {
      this.syncTimer ??= setTimeout(() => this.sync(), this.options.syncMs)
      this.syncTimer.unref?.()
    }
    if (this.waiting.length === 0) this.recovered()
  }

  /** Writes every byte of `buffer`; a short write goes on from where it stopped. */
  private writeAll(fd: number, buffer: Buffer): void {
    for (let offset = 0; offset < buffer.length; ) {
      const written = this.fs.writeSync(fd, buffer, offset, buffer.length - offset)
      if (written <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' })
      offset += written
    }
  }

  /** Opens the handle; a file that ends inside a record (a crash mid-write) gets a newline, so it stays alone. */
  private open(): number {
    if (this.fd !== null) return this.fd
    const fd = this.fs.openSync(this.path, 'a+', PRIVATE_FILE_MODE)
    try {
      let size = this.fs.fstatSync(fd).size
      const last = Buffer.alloc(1)
      if (size > 0 && this.fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a) {
        this.writeAll(fd, Buffer.from('\n'))
        size++
      }
      this.size = size
      this.syncedSize = size
    } catch (error) {
      this.fs.closeSync(fd)
      throw error
    }
    this.fd = fd
    return fd
  }

  /** Cuts the file back to its last whole record; if even that fails, the next write cuts first. */
  private cutBack(): void {
    if (this.fd === null) return
    try {
      this.fs.ftruncateSync(this.fd, this.size)
    } catch {
      this.torn = true
    }
  }

  private sync(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer)
    this.syncTimer = null
    if (this.fd === null) return
    try {
      this.fs.fsyncSync(this.fd)
      this.syncedSize = this.size
      this.unsynced = []
    } catch (error) {
      this.log.error(this.options.syncFailed ?? this.options.appendFailed, { error: (error as Error).message })
      if (this.options.syncMs === undefined) return
      // What the kernel failed to write may be gone: write it again from memory after cutting back.
      this.waiting = [...this.unsynced, ...this.waiting]
      this.waitingBytes += this.unsynced.reduce((n, b) => n + b.length, 0)
      this.unsynced = []
      this.size = this.syncedSize
      this.torn = true
      this.failed(error as NodeJS.ErrnoException)
    }
  }

  /** Records a failure: logged once per episode, told to the health, retried later. */
  private failed(error: NodeJS.ErrnoException): void {
    if (this.failing === null) {
      this.log.error(this.options.appendFailed, { file: this.name, error: error.message, waiting: this.unsaved })
    }
    this.failing = error
    if (this.waitingBytes > MAX_WAITING_BYTES && this.options.snapshot) {
      this.coveredBySnapshot += this.waiting.length
      this.waiting = []
      this.waitingBytes = 0
    } else if (this.waitingBytes > MAX_WAITING_BYTES) {
      // No snapshot to fall back on (the hub's replay log, whose loader finds the gap): the oldest go, counted.
      let dropped = 0
      while (this.waitingBytes > MAX_WAITING_BYTES / 2 && this.waiting.length > 1) {
        this.waitingBytes -= (this.waiting.shift() as Buffer).length
        dropped++
      }
      this.log.error('state file: records dropped from memory while the disk refused them', {
        file: this.name,
        dropped,
      })
    }
    this.options.health?.unsavedChanged(this.name, this.unsaved, error)
    if (this.retryTimer || this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.flush(this.options.syncMs !== undefined)
    }, RETRY_MS)
    this.retryTimer.unref?.()
  }

  private recovered(): void {
    if (this.failing === null) return
    this.failing = null
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.log.info('state saved again after a failed write', { file: this.name })
    this.options.health?.unsavedChanged(this.name, 0, null)
  }

  private closeHandle(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer)
    this.syncTimer = null
    if (this.fd !== null) {
      try {
        if (this.options.syncMs !== undefined) this.fs.fsyncSync(this.fd)
        this.fs.closeSync(this.fd)
      } catch {}
    }
    this.fd = null
  }
}

/** Records as NDJSON text, one a line. */
export function linesOf(records: Iterable<unknown>): string {
  let out = ''
  for (const record of records) out += `${JSON.stringify(record)}\n`
  return out
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

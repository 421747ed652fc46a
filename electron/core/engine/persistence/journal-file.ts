/**
 * The journal's file: `alerted.ndjson`, one record per line. Records are appended and fsynced before the
 * alert goes out; the file is rewritten compactly (temp + fsync + rename) at start-up, when it grows, and on
 * stop. A line cut short by a crash mid-append is dropped (its alert was never emitted); other bad lines
 * are skipped and the original file is copied aside with a warning.
 */
import { appendFileSync, closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import type { Logger } from '../log'
import { readTextIfExists, setAside, writeFileAtomic } from './atomic-file'
import type { AlertJournal, JournalSink } from './journal'
import { PRIVATE_FILE_MODE } from './private-files'

/** A journal sink writing `path`. */
export class JournalFile implements JournalSink {
  private fd: number | null = null

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  /** Appends; fsyncs when `durable`. An I/O error is thrown to the caller (the alert must not go out unrecorded). */
  append(text: string, durable: boolean): void {
    if (this.fd === null) this.fd = openSync(this.path, 'a', PRIVATE_FILE_MODE)
    writeSync(this.fd, text)
    if (durable) fsyncSync(this.fd)
  }

  /** Rewrites the whole file atomically; a failure is logged and the appended file stays as it is. */
  rewrite(text: string): void {
    try {
      this.close()
      writeFileAtomic(this.path, text)
    } catch (error) {
      this.log.error('could not compact the alert journal', { error: (error as Error).message })
      try {
        appendFileSync(this.path, '')
      } catch {}
    }
  }

  /** Closes the append handle. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }
}

/** Loads `path` into `journal`, sets a damaged file aside, attaches the file and compacts it. Never throws. */
export function openJournalFile(journal: AlertJournal, path: string, log: Logger, now: number): JournalFile {
  let text: string | null = null
  try {
    text = readTextIfExists(path)
  } catch (error) {
    setAside(path, (error as Error).message, log, now)
  }
  if (text !== null) {
    const report = journal.load(text)
    if (report.truncatedTail) log.info('alert journal ended mid-line (interrupted write); that line is dropped')
    if (report.invalid > 0)
      setAside(path, `${report.invalid} unreadable line(s); kept ${report.records} valid record(s)`, log, now, true)
  }
  const file = new JournalFile(path, log)
  journal.attach(file)
  journal.compact()
  return file
}
